using System.Globalization;

namespace Cauce.Ml.Tests.Data.Samples;

public sealed class ClientesGeneratorTests
{
    private static SampleCsv Csv => SampleCsv.Clientes;

    [Fact]
    public void Columns_are_the_documented_ones_in_order() =>
        Assert.Equal(
            [
                "id_cliente", "genero", "edad", "es_mayor", "tiene_pareja", "tiene_dependientes", "antiguedad_meses",
                "servicio_internet", "tipo_contrato", "metodo_pago", "factura_electronica", "cargo_mensual", "cargo_total",
                "llamadas_soporte", "region", "ingresos_anuales", "abandono",
            ],
            Csv.Header);

    [Fact]
    public void Ids_count_up_and_repeat_only_in_duplicate_rows()
    {
        var ids = Csv.Values("id_cliente").ToList();
        Assert.Equal("CLI-0000001", ids[0]);
        Assert.All(ids, id => Assert.Matches("^CLI-[0-9]{7}$", id));
        for (var i = 1; i < ids.Count; i++)
        {
            if (ids[i] == ids[i - 1])
                Assert.Equal(Csv.Lines[i - 1], Csv.Lines[i]);
            else
                Assert.Equal(Number(ids[i - 1]) + 1, Number(ids[i]));
        }

        static long Number(string id) => long.Parse(id.AsSpan(4), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void About_one_percent_of_rows_repeat_the_row_before_exactly()
    {
        var duplicates = Enumerable.Range(1, Csv.Lines.Count - 1).Count(i => Csv.Lines[i] == Csv.Lines[i - 1]);

        Assert.InRange(duplicates, SampleCsv.DirtRows * 0.005, SampleCsv.DirtRows * 0.02);
    }

    [Fact]
    public void Cargo_total_is_a_single_space_exactly_when_tenure_is_zero()
    {
        var tenure = Csv.Column("antiguedad_meses");
        var total = Csv.Column("cargo_total");
        var newCustomers = Csv.Rows.Where(r => r[tenure] == "0").ToList();

        Assert.NotEmpty(newCustomers);
        Assert.All(newCustomers, r => Assert.Equal(" ", r[total]));
        Assert.All(Csv.Rows.Where(r => r[tenure] != "0"), r => Assert.NotEqual(" ", r[total]));
    }

    [Fact]
    public void Cargo_total_and_ingresos_have_some_random_blanks()
    {
        var blankTotals = Csv.Values("cargo_total").Count(v => v.Length == 0);
        var blankIncomes = Csv.Values("ingresos_anuales").Count(v => v.Length == 0);

        Assert.InRange(blankTotals, SampleCsv.DirtRows * 0.005, SampleCsv.DirtRows * 0.02);
        Assert.InRange(blankIncomes, SampleCsv.DirtRows * 0.01, SampleCsv.DirtRows * 0.04);
    }

    [Theory]
    [InlineData("servicio_internet", new[] { "DSL", "Fibra", "Ninguno" })]
    [InlineData("tipo_contrato", new[] { "Mensual", "Anual", "Bianual" })]
    [InlineData("region", new[] { "Norte", "Sur", "Centro", "Este", "Oeste" })]
    public void Categories_are_sometimes_spelled_with_stray_spaces_or_odd_casing(string column, string[] clean)
    {
        var values = Csv.Values(column).ToList();
        var dirty = values.Where(v => !clean.Contains(v)).ToList();

        // Every dirty value is a clean one with a stray space or a different case, never a new category.
        Assert.All(dirty, v => Assert.Contains(clean, c => string.Equals(c, v.Trim(), StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(dirty, v => v != v.Trim());
        Assert.Contains(dirty, v => v == v.ToUpperInvariant());
        Assert.Contains(dirty, v => v == v.ToLowerInvariant());
        Assert.InRange(dirty.Count, values.Count * 0.01, values.Count * 0.04);
    }

    [Fact]
    public void Edad_holds_the_sentinels_minus_one_and_999_and_otherwise_adult_ages()
    {
        var ages = Csv.Values("edad").Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList();

        Assert.Contains(-1, ages);
        Assert.Contains(999, ages);
        Assert.All(ages.Where(a => a is not (-1 or 999)), a => Assert.InRange(a, 18, 95));
        Assert.InRange(ages.Count(a => a is -1 or 999), ages.Count * 0.008, ages.Count * 0.025);
    }

    [Fact]
    public void Es_mayor_follows_the_true_age_where_edad_is_known()
    {
        var age = Csv.Column("edad");
        var senior = Csv.Column("es_mayor");

        Assert.All(
            Csv.Rows.Where(r => r[age] is not ("-1" or "999")),
            r => Assert.Equal(int.Parse(r[age], CultureInfo.InvariantCulture) >= 65 ? "1" : "0", r[senior]));
    }

    [Fact]
    public void A_few_monthly_charges_are_ten_times_too_large()
    {
        var charges = Csv.Values("cargo_mensual").Select(Parse).ToList();
        var outliers = charges.Count(c => c > 150);

        Assert.InRange(outliers, 1, charges.Count * 0.01);
        Assert.All(charges.Where(c => c <= 150), c => Assert.InRange(c, 18.25, 125));
    }

    [Fact]
    public void Cargo_total_is_about_the_monthly_charge_times_tenure()
    {
        var monthly = Csv.Column("cargo_mensual");
        var tenure = Csv.Column("antiguedad_meses");
        var total = Csv.Column("cargo_total");
        var ratios = Csv.Rows
            .Where(r => r[total].Trim().Length > 0 && Parse(r[monthly]) <= 150)
            .Select(r => Parse(r[total]) / (Parse(r[monthly]) * int.Parse(r[tenure], CultureInfo.InvariantCulture)))
            .ToList();

        Assert.InRange(ratios.Average(), 0.98, 1.02);
        Assert.True(ratios.Count(x => x is < 0.85 or > 1.15) < ratios.Count * 0.01);
    }

    [Fact]
    public void Numbers_use_a_dot_and_two_decimals_for_money()
    {
        Assert.All(Csv.Values("cargo_mensual"), v => Assert.Matches(Money, v));
        Assert.All(Csv.Values("cargo_total").Where(v => v.Trim().Length > 0), v => Assert.Matches(Money, v));
    }

    [Fact]
    public void Churn_rate_is_between_20_and_30_percent()
    {
        var churn = Csv.Values("abandono").ToList();

        Assert.All(churn, v => Assert.Contains(v, new[] { "Si", "No" }));
        Assert.InRange(churn.Count(v => v == "Si") / (double)churn.Count, 0.20, 0.30);
    }

    [Fact]
    public void Monthly_contracts_churn_far_more_than_two_year_contracts()
    {
        var monthly = ChurnRate(r => Normalized(r, "tipo_contrato") == "mensual");
        var twoYear = ChurnRate(r => Normalized(r, "tipo_contrato") == "bianual");

        Assert.True(monthly > 0.3, $"monthly churn {monthly:P1}");
        Assert.True(twoYear < 0.1, $"two-year churn {twoYear:P1}");
    }

    [Fact]
    public void Fiber_customers_and_frequent_callers_churn_more()
    {
        Assert.True(ChurnRate(r => Normalized(r, "servicio_internet") == "fibra") > ChurnRate(r => Normalized(r, "servicio_internet") == "dsl") + 0.1);
        var calls = Csv.Column("llamadas_soporte");
        Assert.True(ChurnRate(r => int.Parse(r[calls], CultureInfo.InvariantCulture) >= 3) > ChurnRate(r => r[calls] == "0") + 0.15);
    }

    [Fact]
    public void A_hand_made_score_ranks_churners_well_but_not_perfectly()
    {
        // No fitting: contract and tenure alone, as a first model would. The generator's own model is richer.
        var tenure = Csv.Column("antiguedad_meses");
        var churn = Csv.Column("abandono");
        var scored = Csv.Rows.Select(r => (
            Score: (Normalized(r, "tipo_contrato") switch { "mensual" => 2.0, "anual" => 1.0, _ => 0.0 }) - (int.Parse(r[tenure], CultureInfo.InvariantCulture) / 72.0),
            Positive: r[churn] == "Si"));

        Assert.InRange(RocAuc(scored), 0.70, 0.90);
    }

    private static double ChurnRate(Func<string[], bool> where)
    {
        var churn = Csv.Column("abandono");
        var rows = Csv.Rows.Where(where).ToList();
        Assert.True(rows.Count > 100);
        return rows.Count(r => r[churn] == "Si") / (double)rows.Count;
    }

    private static string Normalized(string[] row, string column) => row[Csv.Column(column)].Trim().ToLowerInvariant();

    private static double Parse(string value) => double.Parse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>ROC AUC as the Mann-Whitney statistic, with ties counted half.</summary>
    internal static double RocAuc(IEnumerable<(double Score, bool Positive)> scored)
    {
        var sorted = scored.OrderBy(s => s.Score).ToList();
        double rankSum = 0;
        long positives = 0;
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j < sorted.Count && sorted[j].Score == sorted[i].Score)
                j++;
            var rank = (i + j + 1) / 2.0;
            for (var k = i; k < j; k++)
            {
                if (sorted[k].Positive)
                {
                    rankSum += rank;
                    positives++;
                }
            }

            i = j;
        }

        var negatives = sorted.Count - positives;
        return (rankSum - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }

    private const string Money = "^[0-9]+\\.[0-9]{2}$";
}
