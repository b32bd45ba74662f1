using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Ml.Eda;

namespace Cauce.Ml.Tests.Eda;

public sealed class EdaNamingTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public void A_file_named_by_the_convention_gives_dataset_phase_and_date()
    {
        var naming = EdaNaming.For("/p/data/raw/clientes_raw_20250930.csv", null, null, Today);

        Assert.Equal(new EdaNaming("clientes", DataPhase.Raw, new DateOnly(2025, 9, 30)), naming);
        Assert.Equal("eda_clientes_raw_20250930", naming.ReportStem);
        Assert.Equal("faltantes_clientes_raw_20250930.png", naming.Figure("faltantes").FileName);
    }

    [Fact]
    public void A_split_keeps_its_train_or_test_suffix()
    {
        var naming = EdaNaming.For("clientes-train_processed_20251002.csv", null, null, Today);

        Assert.Equal("clientes-train", naming.Dataset);
        Assert.Equal("eda_clientes-train_processed_20251002", naming.ReportStem);
    }

    [Fact]
    public void Any_other_file_gets_its_stem_made_a_field_and_today()
    {
        var naming = EdaNaming.For("/x/Telco-Customer-Churn.csv", null, null, Today);

        Assert.Equal(new EdaNaming("telco-customer-churn", null, Today), naming);
        Assert.Equal("eda_telco-customer-churn_20261126", naming.ReportStem);
    }

    [Fact]
    public void Name_and_date_options_override()
    {
        var naming = EdaNaming.For("clientes_raw_20250930.csv", "churn", "20251001", Today);

        Assert.Equal(new EdaNaming("churn", DataPhase.Raw, new DateOnly(2025, 10, 1)), naming);
    }

    [Theory]
    [InlineData("Clientes", null)]
    [InlineData("mis_datos", null)]
    [InlineData("datos", "20250230")]
    [InlineData("datos", "2025-09-30")]
    public void A_bad_name_or_date_is_a_usage_error(string name, string? date)
    {
        var error = Assert.Throws<CauceException>(() => EdaNaming.For("x.csv", name, date, Today));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
    }

    [Theory]
    [InlineData("cargo_total", "cargo-total")]
    [InlineData("Cargo Total", "cargo-total")]
    [InlineData("año_2024", "ano-2024")]
    [InlineData("TotalCharges", "totalcharges")]
    [InlineData("__x__", "x")]
    [InlineData("¿?", null)]
    public void Column_names_become_one_valid_field(string column, string? field)
    {
        Assert.Equal(field, EdaNaming.ToField(column));
        if (field is not null)
            Assert.True(NameParts.IsValidField(field));
    }
}
