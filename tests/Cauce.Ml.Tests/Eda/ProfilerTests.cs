using Cauce.Core.Errors;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Eda;
using Cauce.Ml.Eda.Profiling;

namespace Cauce.Ml.Tests.Eda;

public sealed class ProfilerTests : IDisposable
{
    private const string Small = """
        id,x,y,c,flag
        1,1,2.5,a,yes
        2,2,,b,no
        3,3,3.5,A,yes
        4,4,NA,a,no
        5,5,5.5, b,yes

        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private DatasetProfile ProfileOf(string csv, EdaOptions? options = null) =>
        EdaInputs.Profile(EdaInputs.Write(_folder, "data.csv", csv), options).Profile;

    [Fact]
    public void Numbers_get_exact_mean_std_and_linear_quantiles()
    {
        var x = ProfileOf(Small).Column("x");

        Assert.Equal(ColumnType.Integer, x.Type);
        var n = x.Numeric!;
        Assert.Equal(1, n.Min);
        Assert.Equal(5, n.Max);
        Assert.Equal(3, n.Mean, 12);
        Assert.Equal(Math.Sqrt(2.5), n.Std!.Value, 12);
        Assert.Equal(new QuantileSet(1.2, 2, 3, 4, 4.8), n.Quantiles with { P5 = Math.Round(n.Quantiles.P5, 12), P95 = Math.Round(n.Quantiles.P95, 12) });
        Assert.False(n.QuantilesSampled);
        Assert.Equal(5, x.Distinct);
        Assert.Equal(0, x.Missing.Total);
    }

    [Fact]
    public void Blank_and_NA_are_missing_and_left_out_of_the_statistics()
    {
        var y = ProfileOf(Small).Column("y");

        Assert.Equal(ColumnType.Number, y.Type);
        Assert.Equal(new MissingCounts(2, 1, 0, 1), y.Missing);
        Assert.Equal(3, y.Present);
        Assert.Equal(11.5 / 3, y.Numeric!.Mean, 12);
        Assert.Equal(Math.Sqrt(14.0 / 3 / 2), y.Numeric.Std!.Value, 12);
        Assert.Equal(3.5, y.Numeric.Quantiles.P50);
        Assert.Equal(3, y.Numeric.Quantiles.P25, 12);
        Assert.Equal(3, y.Distinct);
    }

    [Fact]
    public void Labels_written_several_ways_are_one_label_with_its_spellings_and_stray_spaces_are_counted()
    {
        var c = ProfileOf(Small).Column("c");

        Assert.Equal(ColumnType.Category, c.Type);
        Assert.Equal(2, c.Labels);
        Assert.Equal(3, c.Distinct); // a, A and b as written
        Assert.Equal(1, c.Padded);
        Assert.Equal([new LabelCount("a", 3, 1), new LabelCount("b", 2, 0)], c.TopValues);
        var variant = Assert.Single(c.SpellingVariants);
        Assert.Equal("a", variant.Label);
        Assert.Equal([new SpellingCount("a", 2), new SpellingCount("A", 1)], variant.Spellings);
    }

    [Fact]
    public void Yes_no_columns_report_the_share_of_yes()
    {
        var flag = ProfileOf(Small).Column("flag");

        Assert.Equal(ColumnType.Boolean, flag.Type);
        Assert.Equal(0.6, flag.TrueShare);
    }

    [Fact]
    public void Exact_duplicate_rows_are_counted_once_each_extra_copy()
    {
        var profile = ProfileOf("a,b\n1,x\n2,y\n1,x\n1,x\n2,z\n");

        Assert.Equal(2, profile.Duplicates.Exact);
        Assert.Contains(profile.Findings, f => f.Kind == FindingKinds.Duplicates && f.Count == 2);
    }

    [Fact]
    public void Correlations_have_the_sign_of_the_relation()
    {
        var lines = new List<string> { "x,up,down,noise" };
        for (var j = 0; j < 200; j++)
        {
            var i = (j * 37) % 200; // every value once, not in order: a variable, not a row number
            lines.Add($"{i},{(2 * i) + (i % 7)},{100 - (3 * i) + (i % 5)},{i % 2}");
        }
        var m = ProfileOf(string.Join('\n', lines) + "\n").Correlations;

        Assert.True(m.Get("x", "up") > 0.99);
        Assert.True(m.Get("x", "down") < -0.99);
        Assert.True(Math.Abs(m.Get("x", "noise")!.Value) < 0.2);
        Assert.Equal(1, m.Get("x", "x"));
        Assert.Equal(m.Get("up", "down"), m.Get("down", "up"));
    }

    [Fact]
    public void A_typical_code_far_from_the_rest_is_a_possible_sentinel()
    {
        var lines = new List<string> { "edad" };
        for (var i = 0; i < 100; i++)
            lines.Add((18 + (i % 60)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        lines.AddRange(["-1", "-1", "999"]);
        var edad = ProfileOf(string.Join('\n', lines) + "\n").Column("edad");

        Assert.Equal([new Sentinel(-1, 2, "low", 18), new Sentinel(999, 1, "high", 77)], edad.Numeric!.Sentinels);
    }

    [Fact]
    public void Minus_one_next_to_zero_is_not_a_sentinel()
    {
        var edad = ProfileOf("v\n-1\n0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n").Column("v");

        Assert.Empty(edad.Numeric!.Sentinels);
    }

    [Fact]
    public void Values_beyond_three_iqr_are_outliers()
    {
        var lines = new List<string> { "v" };
        for (var i = 0; i < 100; i++)
            lines.Add((10 + (i % 10)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        lines.AddRange(["500", "-400"]);
        var v = ProfileOf(string.Join('\n', lines) + "\n").Column("v");

        Assert.Equal(2, v.Numeric!.Outliers);
        Assert.Contains(ProfileOf(string.Join('\n', lines) + "\n").Findings, f => f.Kind == FindingKinds.Outliers && f.Column == "v");
    }

    [Fact]
    public void Quantiles_of_a_column_past_the_cap_come_from_a_seeded_sample()
    {
        var lines = new List<string> { "v" };
        for (var i = 1; i <= 5000; i++)
            lines.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var csv = string.Join('\n', lines) + "\n";
        var options = new EdaOptions { QuantileSampleSize = 1000 };

        var first = ProfileOf(csv, options).Column("v").Numeric!;
        var second = ProfileOf(csv, options).Column("v").Numeric!;

        Assert.True(first.QuantilesSampled);
        Assert.Equal(first.Quantiles, second.Quantiles);
        Assert.InRange(first.Quantiles.P50, 2250, 2750);
        Assert.Equal(2500.5, first.Mean, 9); // moments stay exact
        Assert.Equal(5000, first.Max);
    }

    [Fact]
    public void A_column_that_mixes_numbers_and_text_is_reported_not_rejected()
    {
        var profile = ProfileOf("id,amount\n1,10\n2,12\n3,abc\n4,15\n5,16\n");

        var amount = profile.Column("amount");
        Assert.NotNull(amount.Mixed);
        Assert.Equal(4, amount.Mixed.Numbers);
        var finding = Assert.Single(profile.Findings, f => f.Kind == FindingKinds.Mixed);
        Assert.Contains("'abc'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_data_rows_is_an_error()
    {
        var error = Assert.Throws<DataFileException>(() => ProfileOf("a,b,c\n"));

        Assert.Contains("has a header but no data rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_that_is_not_a_column_is_an_error_naming_the_columns()
    {
        var error = Assert.Throws<DataFileException>(() => ProfileOf(Small, new EdaOptions { Target = "churn" }));

        Assert.Contains("no target column 'churn'", error.Message, StringComparison.Ordinal);
        Assert.Contains("id, x, y, c, flag", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_free_text_target_is_an_error()
    {
        var lines = new List<string> { "x,name" };
        for (var i = 0; i < 200; i++)
            lines.Add($"{i},name-{i}");

        var error = Assert.Throws<DataFileException>(() => ProfileOf(string.Join('\n', lines) + "\n", new EdaOptions { Target = "name" }));

        Assert.Contains("free text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_target_gets_its_balance_and_features_ranked_by_strength()
    {
        var target = EdaInputs.Clientes.Profile.Target!;

        Assert.Equal(TargetKind.Classes, target.Kind);
        Assert.Equal(["No", "Si"], target.Classes.Select(c => c.Label));
        Assert.Equal("Si", target.PositiveClass);
        Assert.Equal(1, target.Classes.Sum(c => c.Share), 6);
        Assert.Equal(target.Related.OrderByDescending(r => r.Strength).Select(r => r.Feature), target.Related.Select(r => r.Feature));
        Assert.Contains(target.Related.Take(4), r => r.Feature == "tipo_contrato" && r.Measure == "cramers_v");
        Assert.Contains(target.Related.Take(4), r => r.Feature == "antiguedad_meses" && r.Measure == "correlation_ratio");
        Assert.DoesNotContain(target.Related, r => r.Feature == "id_cliente");
    }

    [Fact]
    public void A_numeric_target_ranks_integer_codes_by_eta_and_quantities_by_r()
    {
        var lines = new List<string> { "hour,temp,demand" };
        for (var i = 0; i < 480; i++)
        {
            var hour = i % 24;
            var temp = 10 + (i % 17) + (0.1 * (i % 10));
            var demand = (hour is >= 7 and <= 9 ? 100 : 10) + Math.Round(temp);
            lines.Add(FormattableString.Invariant($"{hour},{temp:0.0},{demand}"));
        }

        var target = ProfileOf(string.Join('\n', lines) + "\n", new EdaOptions { Target = "demand" }).Target!;

        Assert.Equal(TargetKind.Numeric, target.Kind);
        Assert.Equal(("hour", "correlation_ratio"), (target.Related[0].Feature, target.Related[0].Measure));
        Assert.Contains(target.Related, r => r.Feature == "temp" && r.Measure == "pearson_r" && r.Value > 0);
    }
}
