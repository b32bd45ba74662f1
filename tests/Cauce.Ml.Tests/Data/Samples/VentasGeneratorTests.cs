using System.Globalization;
using Cauce.Ml.Data.Samples;

namespace Cauce.Ml.Tests.Data.Samples;

public sealed class VentasGeneratorTests
{
    private const int RowsPerDay = 200;

    private static SampleCsv Csv => SampleCsv.Ventas;

    [Fact]
    public void Columns_are_the_documented_ones_in_order() =>
        Assert.Equal(
            [
                "fecha", "id_tienda", "id_producto", "categoria", "region", "precio", "descuento", "promocion",
                "dia_semana", "mes", "es_festivo", "temperatura", "unidades_vendidas",
            ],
            Csv.Header);

    [Fact]
    public void Rows_run_by_day_then_store_then_product_from_2023_01_01()
    {
        var date = Csv.Column("fecha");
        var store = Csv.Column("id_tienda");
        var product = Csv.Column("id_producto");
        var fresh = Csv.Rows.Where((_, i) => i == 0 || Csv.Lines[i] != Csv.Lines[i - 1]).ToList();

        Assert.Equal(["2023-01-01", "T01", "P001"], new[] { fresh[0][date], fresh[0][store], fresh[0][product] });
        Assert.Equal(["2023-01-01", "T01", "P020"], new[] { fresh[19][date], fresh[19][store], fresh[19][product] });
        Assert.Equal(["2023-01-01", "T02", "P001"], new[] { fresh[20][date], fresh[20][store], fresh[20][product] });
        Assert.Equal(["2023-01-02", "T01", "P001"], new[] { fresh[RowsPerDay][date], fresh[RowsPerDay][store], fresh[RowsPerDay][product] });
        for (var i = 0; i < fresh.Count; i++)
        {
            Assert.Equal($"T{(i / 20 % 10) + 1:D2}", fresh[i][store]);
            Assert.Equal($"P{(i % 20) + 1:D3}", fresh[i][product]);
        }
    }

    [Fact]
    public void Christmas_day_has_no_rows_but_the_days_around_it_do()
    {
        var csv = SampleCsv.Parse(SampleCsv.Bytes("ventas", 370 * RowsPerDay, 42));
        var dates = csv.Values("fecha").ToHashSet();

        Assert.DoesNotContain("2023-12-25", dates);
        Assert.Contains("2023-12-24", dates);
        Assert.Contains("2023-12-26", dates);
    }

    [Fact]
    public void Calendar_columns_agree_with_the_date()
    {
        var date = Csv.Column("fecha");
        var weekday = Csv.Column("dia_semana");
        var month = Csv.Column("mes");
        var holiday = Csv.Column("es_festivo");
        Assert.All(Csv.Rows, r =>
        {
            var day = DateOnly.ParseExact(r[date], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal(((((int)day.DayOfWeek) + 6) % 7) + 1, int.Parse(r[weekday], CultureInfo.InvariantCulture));
            Assert.Equal(day.Month, int.Parse(r[month], CultureInfo.InvariantCulture));
            Assert.Equal(VentasGenerator.IsHoliday(day) ? "1" : "0", r[holiday]);
        });
        Assert.Contains(Csv.Rows, r => r[date] == "2023-04-07" && r[holiday] == "1");
    }

    [Theory]
    [InlineData(2023, 4, 9)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2038, 4, 25)]
    public void Easter_sunday_is_computed_for_any_year(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), VentasGenerator.EasterSunday(year));

    [Fact]
    public void About_one_percent_of_rows_repeat_the_row_before_exactly()
    {
        var duplicates = Enumerable.Range(1, Csv.Lines.Count - 1).Count(i => Csv.Lines[i] == Csv.Lines[i - 1]);

        Assert.InRange(duplicates, SampleCsv.DirtRows * 0.005, SampleCsv.DirtRows * 0.02);
    }

    [Fact]
    public void Precio_is_sometimes_blank_and_otherwise_a_price_with_two_decimals()
    {
        var prices = Csv.Values("precio").ToList();

        Assert.InRange(prices.Count(p => p.Length == 0), prices.Count * 0.005, prices.Count * 0.03);
        Assert.All(prices.Where(p => p.Length > 0), p => Assert.Matches("^[0-9]+\\.[0-9][49]$", p));
    }

    [Fact]
    public void Temperatura_holds_the_sentinel_minus_999_for_whole_store_days()
    {
        var date = Csv.Column("fecha");
        var store = Csv.Column("id_tienda");
        var temperature = Csv.Column("temperatura");
        var storeDays = Csv.Rows.GroupBy(r => (r[date], r[store])).ToList();
        var missing = storeDays.Where(g => g.Any(r => r[temperature] == "-999.0")).ToList();

        Assert.NotEmpty(missing);
        Assert.All(missing, g => Assert.All(g, r => Assert.Equal("-999.0", r[temperature])));
        Assert.All(storeDays, g => Assert.Single(g.Select(r => r[temperature]).Distinct()));
        Assert.All(
            Csv.Values("temperatura").Where(t => t != "-999.0"),
            t => Assert.InRange(double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture), -15, 45));
    }

    [Fact]
    public void A_few_unit_counts_are_fifteen_times_too_large()
    {
        var product = Csv.Column("id_producto");
        var units = Csv.Column("unidades_vendidas");
        var medians = Csv.Rows.GroupBy(r => r[product]).ToDictionary(g => g.Key, g => Median(g.Select(r => Units(r[units]))));
        var outliers = Csv.Rows.Count(r => Units(r[units]) > (8 * medians[r[product]]) + 20);

        Assert.InRange(outliers, 1, Csv.Rows.Count * 0.005);
    }

    [Theory]
    [InlineData("categoria", new[] { "Bebidas", "Lácteos", "Panadería", "Limpieza", "Snacks" })]
    [InlineData("region", new[] { "Norte", "Sur", "Centro", "Este", "Oeste" })]
    public void Categories_are_sometimes_spelled_with_stray_spaces_or_odd_casing(string column, string[] clean)
    {
        var values = Csv.Values(column).ToList();
        var dirty = values.Where(v => !clean.Contains(v)).ToList();

        Assert.All(dirty, v => Assert.Contains(clean, c => string.Equals(c, v.Trim(), StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(dirty, v => v != v.Trim());
        Assert.Contains(dirty, v => v.Trim() == v.Trim().ToUpperInvariant());
        Assert.Contains(dirty, v => v.Trim() == v.Trim().ToLowerInvariant());
        Assert.InRange(dirty.Count, values.Count * 0.01, values.Count * 0.04);
    }

    [Fact]
    public void Accented_categories_change_case_letter_by_letter()
    {
        var categories = Csv.Values("categoria").ToHashSet();

        Assert.Contains("LÁCTEOS", categories);
        Assert.Contains("panadería", categories);
    }

    [Fact]
    public void Promotion_days_sell_clearly_more_units()
    {
        var promotion = Csv.Column("promocion");
        var discount = Csv.Column("descuento");
        Assert.All(Csv.Rows, r => Assert.Equal(r[promotion] == "1", r[discount] != "0.00"));

        // Compared product by product, since promotions are not spread evenly over products.
        var product = Csv.Column("id_producto");
        var units = Csv.Column("unidades_vendidas");
        var lifts = Csv.Rows.GroupBy(r => r[product]).Select(g =>
            g.Where(r => r[promotion] == "1").Select(r => Units(r[units])).DefaultIfEmpty(double.NaN).Average()
            / g.Where(r => r[promotion] == "0").Average(r => Units(r[units]))).Where(x => !double.IsNaN(x)).ToList();

        Assert.True(lifts.Count >= 10);
        Assert.True(Median(lifts) > 1.25, $"median promotion lift {Median(lifts):F2}");
    }

    [Fact]
    public void A_group_mean_baseline_explains_much_of_the_variance_on_later_days()
    {
        // The simplest model there is: the mean units of each product, store and weekday over the first 70% of the
        // rows, used to predict the rest. Rows above 8 times their product's median (the planted outliers) are left
        // out, as a cleaning step would.
        var product = Csv.Column("id_producto");
        var store = Csv.Column("id_tienda");
        var weekday = Csv.Column("dia_semana");
        var units = Csv.Column("unidades_vendidas");
        var medians = Csv.Rows.GroupBy(r => r[product]).ToDictionary(g => g.Key, g => Median(g.Select(r => Units(r[units]))));
        var clean = Csv.Rows.Where(r => Units(r[units]) <= (8 * medians[r[product]]) + 20).ToList();
        var cut = clean.Count * 7 / 10;
        var train = clean.Take(cut).ToList();
        var test = clean.Skip(cut).ToList();
        string Key(string[] r) => r[product] + r[store] + r[weekday];
        var means = train.GroupBy(Key).ToDictionary(g => g.Key, g => g.Average(r => Units(r[units])));
        var overall = train.Average(r => Units(r[units]));

        var testMean = test.Average(r => Units(r[units]));
        var residual = test.Sum(r => Math.Pow(Units(r[units]) - means.GetValueOrDefault(Key(r), overall), 2));
        var total = test.Sum(r => Math.Pow(Units(r[units]) - testMean, 2));
        var r2 = 1 - (residual / total);

        Assert.InRange(r2, 0.4, 0.95);
    }

    private static double Units(string value) => double.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
