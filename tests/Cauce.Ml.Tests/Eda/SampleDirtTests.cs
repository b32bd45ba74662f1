using Cauce.Ml.Data.Schema;
using Cauce.Ml.Eda;
using Cauce.Ml.Eda.Profiling;

namespace Cauce.Ml.Tests.Eda;

/// <summary>The dirt <c>cauce sample</c> plants (its README's table) shows up in the profile and its findings.</summary>
public sealed class SampleDirtTests
{
    private static DatasetProfile Clientes => EdaInputs.Clientes.Profile;

    [Fact]
    public void Blank_cargo_total_is_missing_in_a_number_column_both_empty_and_a_single_space()
    {
        var cargo = Clientes.Column("cargo_total");

        Assert.Equal(ColumnType.Number, cargo.Type);
        Assert.InRange(cargo.Missing.Total, 200, 360); // 1% empty + 0.4% a space, of 20,000
        Assert.True(cargo.Missing.Blank > 0);
        Assert.True(cargo.Missing.WhitespaceOnly > 0);
        Assert.Contains(Clientes.Findings, f => f.Kind == FindingKinds.Missing && f.Column == "cargo_total" && f.Message.Contains("number column", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_rows_are_found()
    {
        Assert.InRange(Clientes.Duplicates.Exact, 120, 300);
        Assert.Contains(Clientes.Findings, f => f.Kind == FindingKinds.Duplicates);
    }

    [Theory]
    [InlineData("tipo_contrato", "Mensual")]
    [InlineData("servicio_internet", "Fibra")]
    [InlineData("region", "Norte")]
    public void Labels_spelled_several_ways_are_found(string column, string label)
    {
        var profile = Clientes.Column(column);

        var variant = Assert.Single(profile.SpellingVariants, v => v.Label == label);
        Assert.Contains(variant.Spellings, s => s.Spelling == label.ToUpperInvariant());
        Assert.Contains(variant.Spellings, s => s.Spelling == label.ToLowerInvariant());
        Assert.True(profile.Padded > 0, "leading and trailing spaces are counted");
        Assert.Contains(Clientes.Findings, f => f.Kind == FindingKinds.Spellings && f.Column == column);
        Assert.Contains(Clientes.Findings, f => f.Kind == FindingKinds.Padded && f.Column == column);
    }

    [Fact]
    public void Age_sentinels_and_monthly_charge_outliers_are_found()
    {
        var edad = Clientes.Column("edad").Numeric!;
        Assert.Equal([-1.0, 999.0], edad.Sentinels.Select(s => s.Value));
        Assert.True(Clientes.Column("cargo_mensual").Numeric!.Outliers > 0);
    }

    [Fact]
    public void Flags_written_as_0_1_beside_flags_written_as_words_are_reported()
    {
        var finding = Assert.Single(Clientes.Findings, f => f.Kind == FindingKinds.FlagEncodings);
        Assert.Contains("`es_mayor` as 0/1", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_customer_id_is_an_identifier()
    {
        Assert.True(Clientes.Column("id_cliente").IdentifierLike);
        Assert.Contains("id_cliente", Clientes.Duplicates.IdentifierColumns);
    }

    [Fact]
    public void Ventas_temperature_sentinel_and_blank_prices_are_found()
    {
        var profile = EdaInputs.Profile(EdaInputs.VentasPath, new EdaOptions { Target = "unidades_vendidas" }).Profile;

        Assert.Equal(-999, Assert.Single(profile.Column("temperatura").Numeric!.Sentinels).Value);
        Assert.True(profile.Column("precio").Missing.Blank > 0);
        Assert.Equal(ColumnType.Date, profile.Column("fecha").Type);
        Assert.Equal("2023-01-01", profile.Column("fecha").Dates!.Min);
        Assert.Equal(TargetKind.Numeric, profile.Target!.Kind);
    }
}
