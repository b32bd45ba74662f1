using Cauce.Ml.Randomness;

namespace Cauce.Ml.Data.Samples;

/// <summary>
/// <c>ventas</c>: daily units sold per store and product, like Walmart or Rossmann store sales. Rows run day by day
/// from 2023-01-01; within a day, store T01..T10, and within a store, product P001..P020 (200 rows a day), for as
/// many days as the row count needs. The numeric target <c>unidades_vendidas</c> is the product's base demand ×
/// the store's factor × a weekday effect × the category's monthly season × a 4% yearly growth × holiday ×
/// promotion lift × price elasticity (on the price after discount) × temperature (drinks and snacks). Gamma-Poisson
/// noise is applied on top, so the units are over-dispersed counts. Columns, in file order:
/// <list type="table">
/// <item><term>fecha</term><description><c>YYYY-MM-DD</c>.</description></item>
/// <item><term>id_tienda</term><description><c>T01</c>–<c>T10</c>.</description></item>
/// <item><term>id_producto</term><description><c>P001</c>–<c>P020</c>.</description></item>
/// <item><term>categoria</term><description>Bebidas / Lácteos / Panadería / Limpieza / Snacks (fixed per product).</description></item>
/// <item><term>region</term><description>Norte / Sur / Centro / Este / Oeste (fixed per store).</description></item>
/// <item><term>precio</term><description>List price in euros, 2 decimals, ending in 4 or 9 cents. Fixed per store and product within a year; prices rise 3% each year.</description></item>
/// <item><term>descuento</term><description>Fraction off the list price, 2 decimals: 0.00, or 0.10–0.30 during a promotion.</description></item>
/// <item><term>promocion</term><description>0/1. Promotions are weekly campaigns per product (Monday to Sunday) that about 85% of stores join.</description></item>
/// <item><term>dia_semana</term><description>1–7, ISO: 1 = lunes, 7 = domingo. Integer-coded categorical.</description></item>
/// <item><term>mes</term><description>1–12.</description></item>
/// <item><term>es_festivo</term><description>0/1 for Spanish national holidays: 1 Jan, 6 Jan, Viernes Santo, 1 May, 15 Aug, 12 Oct, 1 Nov, 6 Dec, 8 Dec. Sales on a holiday are 0.7 × usual (shorter opening hours).</description></item>
/// <item><term>temperatura</term><description>°C, 1 decimal: the region's climate for the date plus weather that persists for days. The same for all products of a store on a day.</description></item>
/// <item><term>unidades_vendidas</term><description>The target: integer ≥ 0.</description></item>
/// </list>
/// The dirt, decided independently with the rates of the constants below:
/// <list type="bullet">
/// <item>Implicit missing rows: every store is closed on 25 December, so that day has no rows at all. The gap only
/// shows when the dates are laid out as a continuous calendar.</item>
/// <item><c>precio</c> is empty with <see cref="PriceBlankRate"/>.</item>
/// <item><c>temperatura</c> is the sentinel <c>-999.0</c> for all 20 rows of a store-day with <see cref="TemperatureSentinelRate"/>
/// (a failed weather feed). The sales still follow the true temperature.</item>
/// <item><c>unidades_vendidas</c> is written <see cref="UnitsOutlierFactor"/> times too large (at least 15) with <see cref="UnitsOutlierRate"/>.</item>
/// <item><c>categoria</c> and <c>region</c> are each misspelled with <see cref="CategoryDirtRate"/>: a leading space, a trailing
/// space, upper case or lower case, one of the four at random (<c>" Bebidas"</c>, <c>"LÁCTEOS"</c>, <c>"norte"</c>).</item>
/// <item>About 1% of rows (<see cref="SampleGenerator.DuplicateRate"/>) are an exact copy of the row before. The copy does not advance the
/// day × store × product order.</item>
/// </list>
/// </summary>
internal sealed class VentasGenerator : SampleGenerator
{
    public const double PriceBlankRate = 0.015;
    public const double TemperatureSentinelRate = 0.01;
    public const double TemperatureSentinel = -999;
    public const double UnitsOutlierRate = 0.001;
    public const int UnitsOutlierFactor = 15;
    public const double CategoryDirtRate = 0.02;

    /// <summary>The first day written.</summary>
    public static readonly DateOnly StartDate = new(2023, 1, 1);

    private const double PromotionCampaignRate = 0.12;
    private const double StoreJoinsPromotionRate = 0.85;
    private const double PromotionLift = 1.2;
    private const double HolidayEffect = 0.7;
    private const double YearlyGrowth = 0.04;
    private const double YearlyPriceRise = 1.03;
    private const double NoiseShape = 8;

    private static readonly string[] ColumnNames =
    [
        "fecha", "id_tienda", "id_producto", "categoria", "region", "precio", "descuento", "promocion", "dia_semana",
        "mes", "es_festivo", "temperatura", "unidades_vendidas",
    ];

    private static readonly double[] DiscountLevels = [0.10, 0.15, 0.20, 0.25, 0.30];

    /// <summary>1 = lunes … 7 = domingo.</summary>
    private static readonly double[] WeekdayEffect = [0.88, 0.86, 0.92, 0.98, 1.15, 1.32, 0.89];

    /// <summary>Mean temperature (°C) of each month in the Centro region.</summary>
    private static readonly double[] Climate = [6.0, 7.5, 10.5, 12.5, 16.5, 22.0, 25.5, 25.0, 20.5, 15.0, 9.5, 6.5];

    private static readonly RegionInfo[] Regions =
    [
        new("Norte", -3), new("Sur", 4), new("Centro", 0), new("Este", 2), new("Oeste", 1),
    ];

    private static readonly CategoryInfo[] Categories =
    [
        new("Bebidas", 1.6, 0.020, [0.80, 0.82, 0.90, 0.98, 1.08, 1.22, 1.32, 1.30, 1.10, 0.95, 0.85, 1.05]),
        new("Lácteos", 0.8, 0.000, [1.02, 1.00, 1.00, 0.99, 0.98, 0.96, 0.94, 0.93, 1.00, 1.02, 1.03, 1.06]),
        new("Panadería", 0.6, 0.000, [1.00, 0.98, 0.99, 1.00, 1.00, 0.98, 0.95, 0.92, 1.00, 1.01, 1.02, 1.12]),
        new("Limpieza", 1.2, 0.000, [1.05, 0.98, 1.00, 1.02, 1.00, 0.97, 0.95, 0.93, 1.02, 1.01, 1.00, 1.03]),
        new("Snacks", 1.4, 0.005, [0.92, 0.90, 0.95, 0.98, 1.00, 1.08, 1.12, 1.10, 0.98, 0.97, 1.00, 1.25]),
    ];

    private static readonly ProductInfo[] Products =
    [
        new(1, 0, 0.65, 60), new(2, 0, 1.89, 35), new(3, 0, 1.45, 18), new(4, 0, 3.99, 22),
        new(5, 1, 0.95, 55), new(6, 1, 1.35, 28), new(7, 1, 2.10, 12), new(8, 1, 2.45, 9),
        new(9, 2, 0.60, 70), new(10, 2, 1.79, 20), new(11, 2, 2.29, 10), new(12, 2, 1.55, 16),
        new(13, 3, 6.49, 6), new(14, 3, 2.19, 8), new(15, 3, 4.75, 11), new(16, 3, 1.19, 7),
        new(17, 4, 1.69, 25), new(18, 4, 1.39, 19), new(19, 4, 2.89, 8), new(20, 4, 1.25, 9),
    ];

    private static readonly StoreInfo[] Stores =
    [
        new(1, 0, 1.00, 1.02), new(2, 0, 0.70, 0.98), new(3, 1, 1.30, 0.96), new(4, 1, 0.85, 1.00),
        new(5, 2, 1.60, 1.05), new(6, 2, 1.10, 1.08), new(7, 3, 0.90, 1.00), new(8, 3, 1.20, 1.03),
        new(9, 4, 0.60, 0.95), new(10, 4, 0.80, 0.97),
    ];

    private readonly byte[] _date = new byte[10];
    private readonly double[] _regionWeather = new double[Regions.Length];
    private readonly double[] _temperature = new double[Stores.Length];
    private readonly bool[] _temperatureMissing = new bool[Stores.Length];
    private readonly double[] _campaignDiscount = new double[Products.Length];
    private readonly bool[] _onPromotion = new bool[Stores.Length * Products.Length];
    private readonly long[] _priceCents = new long[Stores.Length * Products.Length];

    private DateOnly _day;
    private bool _started;
    private int _priceYear = -1;
    private int _weekday;
    private bool _holiday;
    private double _trend;
    private int _store = Stores.Length;
    private int _product;

    public VentasGenerator(SeededRandom random)
        : base(random)
    {
    }

    public override IReadOnlyList<string> Columns => ColumnNames;

    public override void WriteRow(CsvRowWriter row)
    {
        if (_product == Products.Length)
        {
            _product = 0;
            _store++;
        }

        if (_store == Stores.Length)
        {
            _store = 0;
            BeginNextDay();
        }

        var r = Random;
        var product = Products[_product];
        var category = Categories[product.Category];
        var store = Stores[_store];
        var cell = (_store * Products.Length) + _product;
        var promotion = _onPromotion[cell];
        var discount = promotion ? _campaignDiscount[_product] : 0;
        var price = _priceCents[cell] / 100.0;
        var month = _day.Month;
        var temperature = _temperature[_store];

        var mean = product.BaseUnits
            * store.Demand
            * WeekdayEffect[_weekday - 1]
            * category.Season[month - 1]
            * _trend
            * (_holiday ? HolidayEffect : 1)
            * (promotion ? PromotionLift : 1)
            * PortableMath.Pow(price * (1 - discount) / product.BasePrice, -category.Elasticity)
            * Math.Clamp(1 + (category.TemperatureSensitivity * (temperature - 15)), 0.5, 1.8);
        var units = (long)r.NextPoisson(mean * r.NextGamma(NoiseShape) / NoiseShape);
        if (r.Bernoulli(UnitsOutlierRate))
            units = Math.Max(units, 1) * UnitsOutlierFactor;

        row.Text(_date);
        row.Code("T"u8, store.Number, 2);
        row.Code("P"u8, product.Number, 3);
        row.Text(category.Name.Spell(r, CategoryDirtRate));
        row.Text(Regions[store.Region].Name.Spell(r, CategoryDirtRate));
        if (r.Bernoulli(PriceBlankRate))
            row.Blank();
        else
            row.Decimal(price, 2);
        row.Decimal(discount, 2);
        row.Flag(promotion);
        row.Integer(_weekday);
        row.Integer(month);
        row.Flag(_holiday);
        row.Decimal(_temperatureMissing[_store] ? TemperatureSentinel : temperature, 1);
        row.Integer(units);
        row.EndRow();

        _product++;
    }

    private void BeginNextDay()
    {
        var r = Random;
        var first = !_started;
        _day = first ? StartDate : _day.AddDays(1);
        _started = true;
        while (IsClosed(_day))
            _day = _day.AddDays(1);

        WriteDate(_day, _date);
        _weekday = ((int)_day.DayOfWeek + 6) % 7 + 1;
        _holiday = IsHoliday(_day);
        _trend = 1 + (YearlyGrowth * (_day.DayNumber - StartDate.DayNumber) / 365.0);

        if (_day.Year != _priceYear)
        {
            _priceYear = _day.Year;
            var rise = PortableMath.Pow(YearlyPriceRise, _priceYear - StartDate.Year);
            for (var s = 0; s < Stores.Length; s++)
            {
                for (var p = 0; p < Products.Length; p++)
                {
                    // Shelf prices end in 4 or 9 cents: round to 5 cents, take one off.
                    var raw = Products[p].BasePrice * Stores[s].PriceLevel * rise;
                    _priceCents[(s * Products.Length) + p] = Math.Max(9, (5 * (long)Math.Round(raw * 20)) - 1);
                }
            }
        }

        if (first || _weekday == 1)
        {
            for (var p = 0; p < Products.Length; p++)
            {
                var campaign = r.Bernoulli(PromotionCampaignRate);
                _campaignDiscount[p] = DiscountLevels[r.Next(DiscountLevels.Length)];
                for (var s = 0; s < Stores.Length; s++)
                    _onPromotion[(s * Products.Length) + p] = campaign && r.Bernoulli(StoreJoinsPromotionRate);
            }
        }

        // Weather persists: each region's departure from its climate follows an AR(1) process.
        for (var g = 0; g < Regions.Length; g++)
            _regionWeather[g] = (0.7 * _regionWeather[g]) + r.NextGaussian(0, 1.8);
        var climate = ClimateOn(_day);
        for (var s = 0; s < Stores.Length; s++)
        {
            var region = Stores[s].Region;
            _temperature[s] = climate + Regions[region].TemperatureOffset + _regionWeather[region] + r.NextGaussian(0, 0.5);
            _temperatureMissing[s] = r.Bernoulli(TemperatureSentinelRate);
        }
    }

    /// <summary>Every store is closed on Christmas Day.</summary>
    internal static bool IsClosed(DateOnly day) => day.Month == 12 && day.Day == 25;

    /// <summary>Spanish national holidays: the fixed-date ones and Good Friday.</summary>
    internal static bool IsHoliday(DateOnly day) =>
        (day.Month, day.Day) switch
        {
            (1, 1) or (1, 6) or (5, 1) or (8, 15) or (10, 12) or (11, 1) or (12, 6) or (12, 8) or (12, 25) => true,
            _ => day == EasterSunday(day.Year).AddDays(-2),
        };

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    internal static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var dayOfMonth = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, dayOfMonth);
    }

    /// <summary>The Centro climate for a date, interpolated between the middles of the months.</summary>
    private static double ClimateOn(DateOnly day)
    {
        var month = day.Month - 1;
        var offset = (day.Day - 15) / 30.0;
        var neighbour = offset >= 0 ? (month + 1) % 12 : (month + 11) % 12;
        return Climate[month] + ((Climate[neighbour] - Climate[month]) * Math.Abs(offset));
    }

    private static void WriteDate(DateOnly day, Span<byte> destination)
    {
        WriteDigits(day.Year, destination[..4]);
        destination[4] = (byte)'-';
        WriteDigits(day.Month, destination.Slice(5, 2));
        destination[7] = (byte)'-';
        WriteDigits(day.Day, destination.Slice(8, 2));
    }

    private static void WriteDigits(int value, Span<byte> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private sealed record RegionInfo(Category Name, double TemperatureOffset)
    {
        public RegionInfo(string name, double temperatureOffset)
            : this(new Category(name), temperatureOffset)
        {
        }
    }

    private sealed record CategoryInfo(Category Name, double Elasticity, double TemperatureSensitivity, double[] Season)
    {
        public CategoryInfo(string name, double elasticity, double temperatureSensitivity, double[] season)
            : this(new Category(name), elasticity, temperatureSensitivity, season)
        {
        }
    }

    private sealed record ProductInfo(int Number, int Category, double BasePrice, double BaseUnits);

    private sealed record StoreInfo(int Number, int Region, double Demand, double PriceLevel);
}
