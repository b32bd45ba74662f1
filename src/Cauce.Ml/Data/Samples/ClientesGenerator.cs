using Cauce.Ml.Randomness;

namespace Cauce.Ml.Data.Samples;

/// <summary>
/// <c>clientes</c>: a telco's customers, one row per customer, shaped like the IBM Telco Customer Churn sample.
/// The binary target <c>abandono</c> (Si/No, about 26% Si) comes from a logistic model with noise. Its drivers are
/// the contract, tenure, monthly charge, support calls, internet service, payment method, electronic billing, age
/// and dependents, plus an unobserved dissatisfaction that also raises support calls. Columns, in file order:
/// <list type="table">
/// <item><term>id_cliente</term><description><c>CLI-0000001</c>, <c>CLI-0000002</c>, …: unique except in duplicate rows.</description></item>
/// <item><term>genero</term><description>Femenino / Masculino.</description></item>
/// <item><term>edad</term><description>Integer 18–95; about 16% are 65 or more.</description></item>
/// <item><term>es_mayor</term><description>0/1, edad ≥ 65, taken from the true age even where edad holds a sentinel. Encoded 0/1 while the other flags are Si/No, as in Telco.</description></item>
/// <item><term>tiene_pareja</term><description>Si / No.</description></item>
/// <item><term>tiene_dependientes</term><description>Si / No.</description></item>
/// <item><term>antiguedad_meses</term><description>Tenure in months, integer 0–72, piled up at 72; 0 only for new customers.</description></item>
/// <item><term>servicio_internet</term><description>DSL / Fibra / Ninguno.</description></item>
/// <item><term>tipo_contrato</term><description>Mensual / Anual / Bianual.</description></item>
/// <item><term>metodo_pago</term><description>Cheque electrónico / Cheque por correo / Transferencia (automática) / Tarjeta de crédito (automática).</description></item>
/// <item><term>factura_electronica</term><description>Si / No.</description></item>
/// <item><term>cargo_mensual</term><description>Monthly charge, 2 decimals, about 18–120.</description></item>
/// <item><term>cargo_total</term><description>About cargo_mensual × antiguedad_meses, ±4% for past price changes; 2 decimals.</description></item>
/// <item><term>llamadas_soporte</term><description>Support calls, integer ≥ 0, mean about 1.</description></item>
/// <item><term>region</term><description>Norte / Sur / Centro / Este / Oeste.</description></item>
/// <item><term>ingresos_anuales</term><description>Yearly income in euros, integer (multiples of 10), log-normal with a median near 28,000.</description></item>
/// <item><term>abandono</term><description>The target: Si / No.</description></item>
/// </list>
/// The dirt, each decided independently per row with the rates of the constants below:
/// <list type="bullet">
/// <item><c>cargo_total</c> is a single space <c>" "</c> whenever <c>antiguedad_meses</c> is 0, exactly as in Telco (<see cref="NewCustomerRate"/>);
/// in other rows it is empty with <see cref="TotalBlankRate"/>.</item>
/// <item><c>ingresos_anuales</c> is empty with <see cref="IncomeBlankRate"/>.</item>
/// <item><c>edad</c> is the sentinel <c>-1</c> with <see cref="AgeMinusOneRate"/> and <c>999</c> with <see cref="Age999Rate"/>.</item>
/// <item><c>cargo_mensual</c> is written 10 times too large with <see cref="ChargeOutlierRate"/>.
/// <c>cargo_total</c> and <c>abandono</c> still follow the true charge.</item>
/// <item><c>servicio_internet</c>, <c>tipo_contrato</c> and <c>region</c> are each misspelled with <see cref="CategoryDirtRate"/>:
/// a leading space, a trailing space, upper case or lower case, one of the four at random (<c>" Fibra"</c>, <c>"mensual"</c>, <c>"NORTE"</c>).
/// Upper-case <c>DSL</c> is the clean spelling itself.</item>
/// <item>About 1% of rows (<see cref="SampleGenerator.DuplicateRate"/>) are an exact copy of the row before, id included.</item>
/// </list>
/// </summary>
internal sealed class ClientesGenerator : SampleGenerator
{
    public const double NewCustomerRate = 0.004;
    public const double TotalBlankRate = 0.01;
    public const double IncomeBlankRate = 0.02;
    public const double AgeMinusOneRate = 0.01;
    public const double Age999Rate = 0.005;
    public const double ChargeOutlierRate = 0.003;
    public const double CategoryDirtRate = 0.02;

    private static readonly string[] ColumnNames =
    [
        "id_cliente", "genero", "edad", "es_mayor", "tiene_pareja", "tiene_dependientes", "antiguedad_meses",
        "servicio_internet", "tipo_contrato", "metodo_pago", "factura_electronica", "cargo_mensual", "cargo_total",
        "llamadas_soporte", "region", "ingresos_anuales", "abandono",
    ];

    private static readonly byte[] IdPrefix = CsvRowWriter.Literal("CLI-");
    private static readonly byte[] Female = CsvRowWriter.Literal("Femenino");
    private static readonly byte[] Male = CsvRowWriter.Literal("Masculino");
    private static readonly byte[] Yes = CsvRowWriter.Literal("Si");
    private static readonly byte[] No = CsvRowWriter.Literal("No");
    private static readonly byte[] SingleSpace = CsvRowWriter.Literal(" ");

    private static readonly Category[] Internet = [new("DSL"), new("Fibra"), new("Ninguno")];
    private const int Dsl = 0;
    private const int Fiber = 1;
    private const int NoInternet = 2;

    private static readonly Category[] Contracts = [new("Mensual"), new("Anual"), new("Bianual")];
    private const int MonthToMonth = 0;
    private const int OneYear = 1;

    private static readonly byte[][] Payments =
    [
        CsvRowWriter.Literal("Cheque electrónico"),
        CsvRowWriter.Literal("Cheque por correo"),
        CsvRowWriter.Literal("Transferencia (automática)"),
        CsvRowWriter.Literal("Tarjeta de crédito (automática)"),
    ];
    private const int ElectronicCheck = 0;

    private static readonly Category[] Regions = [new("Norte"), new("Sur"), new("Centro"), new("Este"), new("Oeste")];
    private static readonly double[] RegionWeights = [0.20, 0.25, 0.30, 0.15, 0.10];

    private static readonly double[] InternetWeights = [0.34, 0.44, 0.22];
    private static readonly double[] ContractWeights = [0.55, 0.21, 0.24];
    private static readonly double[] ContractWeightsWithoutInternet = [0.34, 0.24, 0.42];
    private static readonly double[] PaymentWeightsMonthly = [0.45, 0.20, 0.17, 0.18];
    private static readonly double[] PaymentWeightsLong = [0.15, 0.27, 0.29, 0.29];

    // The logistic model of abandono: intercept and effects on the log-odds.
    private const double ChurnIntercept = -1.45;
    private static readonly double[] ContractEffect = [0.9, -0.6, -1.8];
    private static readonly double[] InternetEffect = [-0.1, 0.6, -0.7];
    private const double TenureEffectPerMonth = -0.035;
    private const double ChargeEffectPerEuro = 0.015;
    private const double SupportCallEffect = 0.28;
    private const double ElectronicCheckEffect = 0.4;
    private const double PaperlessEffect = 0.25;
    private const double SeniorEffect = 0.3;
    private const double DependentsEffect = -0.2;
    private const double DissatisfactionEffect = 1.8;

    // Income: log-normal, rising with age up to 55.
    private static readonly double IncomeLogBase = PortableMath.Log(21_000);

    private long _nextId = 1;

    public ClientesGenerator(SeededRandom random)
        : base(random)
    {
    }

    public override IReadOnlyList<string> Columns => ColumnNames;

    public override void WriteRow(CsvRowWriter row)
    {
        var r = Random;
        var id = _nextId++;
        var female = r.Bernoulli(0.5);

        var senior = r.Bernoulli(0.16);
        int age;
        if (senior)
        {
            age = Math.Min(95, 65 + (int)r.NextExponential(7));
        }
        else
        {
            do
                age = (int)Math.Round(r.NextGaussian(41, 12));
            while (age is < 18 or > 64);
        }

        var partner = r.Bernoulli(age < 25 ? 0.2 : age < 35 ? 0.45 : 0.58);
        var dependents = r.Bernoulli(senior ? 0.08 : partner ? 0.5 : 0.1);

        var internet = r.Choose(InternetWeights);
        var contract = r.Choose(internet == NoInternet ? ContractWeightsWithoutInternet : ContractWeights);

        int tenure;
        if (r.Bernoulli(NewCustomerRate))
            tenure = 0;
        else if (contract == MonthToMonth)
            tenure = Math.Min(72, 1 + (int)r.NextExponential(16));
        else if (contract == OneYear)
            tenure = (int)Math.Clamp(Math.Round(r.NextGaussian(38, 18)), 1, 72);
        else
            tenure = (int)Math.Clamp(Math.Round(r.NextGaussian(58, 14)), 1, 72);

        var payment = r.Choose(contract == MonthToMonth ? PaymentWeightsMonthly : PaymentWeightsLong);
        var paperless = r.Bernoulli(internet switch { Fiber => 0.75, Dsl => 0.55, _ => 0.30 });

        // Optional services (security, backup, TV, ...) are not columns, but they drive the monthly charge.
        var addOns = 0;
        if (internet != NoInternet)
        {
            for (var i = 0; i < 6; i++)
                addOns += r.Bernoulli(internet == Dsl ? 0.45 : 0.40) ? 1 : 0;
        }

        var monthly = internet switch
        {
            Dsl => 26 + (7 * addOns) + r.NextGaussian(0, 3),
            Fiber => 68 + (7.5 * addOns) + r.NextGaussian(0, 3),
            _ => r.NextDouble(18.5, 26.5),
        };
        monthly = Math.Max(18.25, monthly);

        var dissatisfaction = r.NextGaussian();
        var calls = r.NextPoisson(PortableMath.Exp(-0.2 + (0.45 * dissatisfaction) + (internet == Fiber ? 0.35 : 0)));

        var region = r.Choose(RegionWeights);
        var income = r.NextLogNormal(IncomeLogBase + (0.012 * (Math.Min(age, 55) - 18)), 0.45);

        var logOdds = ChurnIntercept
            + ContractEffect[contract]
            + InternetEffect[internet]
            + (TenureEffectPerMonth * tenure)
            + (ChargeEffectPerEuro * (monthly - 65))
            + (SupportCallEffect * calls)
            + (payment == ElectronicCheck ? ElectronicCheckEffect : 0)
            + (paperless ? PaperlessEffect : 0)
            + (senior ? SeniorEffect : 0)
            + (dependents ? DependentsEffect : 0)
            + (DissatisfactionEffect * dissatisfaction);
        var churn = r.Bernoulli(PortableMath.Logistic(logOdds));

        row.Code(IdPrefix, id, 7);
        row.Text(female ? Female : Male);
        var ageDirt = r.NextDouble();
        row.Integer(ageDirt < AgeMinusOneRate ? -1 : ageDirt < AgeMinusOneRate + Age999Rate ? 999 : age);
        row.Flag(senior);
        row.Text(partner ? Yes : No);
        row.Text(dependents ? Yes : No);
        row.Integer(tenure);
        row.Text(Internet[internet].Spell(r, CategoryDirtRate));
        row.Text(Contracts[contract].Spell(r, CategoryDirtRate));
        row.Text(Payments[payment]);
        row.Text(paperless ? Yes : No);
        row.Decimal(r.Bernoulli(ChargeOutlierRate) ? monthly * 10 : monthly, 2);
        var total = monthly * tenure * (1 + r.NextGaussian(0, 0.04));
        if (tenure == 0)
            row.Text(SingleSpace);
        else if (r.Bernoulli(TotalBlankRate))
            row.Blank();
        else
            row.Decimal(Math.Max(monthly, total), 2);
        row.Integer(calls);
        row.Text(Regions[region].Spell(r, CategoryDirtRate));
        if (r.Bernoulli(IncomeBlankRate))
            row.Blank();
        else
            row.Integer(10 * (long)Math.Round(income / 10));
        row.Text(churn ? Yes : No);
        row.EndRow();
    }
}
