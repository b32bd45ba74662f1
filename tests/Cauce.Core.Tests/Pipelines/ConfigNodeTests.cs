using Cauce.Core.Pipelines;

namespace Cauce.Core.Tests.Pipelines;

public sealed class ConfigNodeTests
{
    private const string Yaml = """
        seed: 42
        name: clientes
        ratio: 0.25
        flag: true
        list: [a, b, c]
        single: solo
        empty:
        tilde: ~
        nested:
          inner:
            deep: value
        mapping: {x: 1}
        """;

    [Fact]
    public void Child_walks_the_tree_and_keys_are_dotted_paths()
    {
        using var yaml = new ParamsYaml(Yaml);

        var deep = yaml.Root.Child("nested")?.Child("inner")?.Child("deep");

        Assert.NotNull(deep);
        Assert.Equal("nested.inner.deep", deep.Key);
        Assert.Equal("value", deep.Scalar);
        Assert.Equal("params.yaml", deep.File);
        Assert.Equal("", yaml.Root.Key);
        Assert.True(yaml.Root.IsMapping);
    }

    [Fact]
    public void An_absent_or_null_key_is_no_child()
    {
        using var yaml = new ParamsYaml(Yaml);

        Assert.Null(yaml.Root.Child("absent"));
        Assert.Null(yaml.Root.Child("empty"));
        Assert.Null(yaml.Root.Child("tilde"));
        Assert.Null(yaml.Root.Child("seed")!.Child("anything"));
        Assert.Empty(yaml.Problems);
    }

    [Fact]
    public void Entries_come_in_file_order_with_their_keys()
    {
        using var yaml = new ParamsYaml(Yaml);

        Assert.Equal(["seed", "name", "ratio", "flag", "list", "single", "empty", "tilde", "nested", "mapping"], yaml.Root.Entries().Select(e => e.Key));
        Assert.Equal("nested.inner", Assert.Single(yaml.Root.Child("nested")!.Entries()).Value.Key);
    }

    [Fact]
    public void Entries_of_a_value_that_is_not_a_mapping_is_a_problem()
    {
        using var yaml = new ParamsYaml("datasets: [a, b]\n");

        Assert.Empty(yaml.Root.Child("datasets")!.Entries());
        Assert.Contains("expected a mapping", yaml.SingleProblemAt("[a, b]", "datasets").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void String_reads_a_scalar_and_records_a_required_key_that_is_absent()
    {
        using var yaml = new ParamsYaml("dataset:\n  name: clientes\n");
        var dataset = yaml.Root.Child("dataset")!;

        Assert.Equal("clientes", dataset.String("name"));
        Assert.Null(dataset.String("date"));
        Assert.Empty(yaml.Problems);
        Assert.Null(dataset.String("date", required: true));
        Assert.Equal("the key 'date' is required", yaml.SingleProblemAt("name", "dataset").Message);
    }

    [Fact]
    public void String_of_a_list_or_mapping_is_a_problem()
    {
        using var yaml = new ParamsYaml("target: [a, b]\n");

        Assert.Null(yaml.Root.String("target"));
        Assert.Equal("expected a single value", yaml.SingleProblemAt("[a, b]", "target").Message);
    }

    [Theory]
    [InlineData("0.25", 0.25)]
    [InlineData("1", 1.0)]
    [InlineData("-3.5e2", -350.0)]
    public void Number_reads_a_number(string text, double expected)
    {
        using var yaml = new ParamsYaml($"x: {text}\n");

        Assert.Equal(expected, yaml.Root.Number("x"));
        Assert.Empty(yaml.Problems);
    }

    [Theory]
    [InlineData("x: abc\n", "abc", "expected a number, got 'abc'")]
    [InlineData("x: .nan\n", ".nan", "expected a number, got '.nan'")]
    [InlineData("x: [1]\n", "[1]", "expected a number, got a list")]
    [InlineData("x: {a: 1}\n", "{a: 1}", "expected a number, got a mapping")]
    [InlineData("x: 1,5\n", "1,5", "expected a number, got '1,5'")]
    public void Number_records_what_it_got_instead(string text, string needle, string message)
    {
        using var yaml = new ParamsYaml(text);

        Assert.Null(yaml.Root.Number("x"));
        Assert.Equal(message, yaml.SingleProblemAt(needle, "x").Message);
    }

    [Theory]
    [InlineData("1.5", 0.0, 1.0, "expected a number from 0 to 1, got 1.5")]
    [InlineData("-1", 0.0, null, "expected a number of at least 0, got -1")]
    [InlineData("7", null, 5.0, "expected a number of at most 5, got 7")]
    public void Number_out_of_range_is_a_problem_saying_the_range(string text, double? min, double? max, string message)
    {
        using var yaml = new ParamsYaml($"x: {text}\n");

        Assert.Null(yaml.Root.Number("x", min, max));
        Assert.Equal(message, yaml.SingleProblemAt(text, "x").Message);
    }

    [Fact]
    public void Number_of_an_absent_key_is_null_without_a_problem()
    {
        using var yaml = new ParamsYaml("y: 1\n");

        Assert.Null(yaml.Root.Number("x", 0, 1));
        Assert.Empty(yaml.Problems);
    }

    [Fact]
    public void Integer_reads_whole_numbers_only_within_range()
    {
        using var yaml = new ParamsYaml("a: 42\nb: 4.5\nc: -1\nd: 12\n");

        Assert.Equal(42, yaml.Root.Integer("a"));
        Assert.Null(yaml.Root.Integer("b"));
        Assert.Null(yaml.Root.Integer("c", min: 0));
        Assert.Null(yaml.Root.Integer("d", max: 10));
        Assert.Null(yaml.Root.Integer("absent"));
        Assert.Equal(
            [("b", "expected a whole number, got '4.5'"), ("c", "expected a whole number of at least 0, got -1"), ("d", "expected a whole number of at most 10, got 12")],
            yaml.Problems.Select(p => (p.Key, p.Message)));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("yes", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    public void Boolean_reads_yaml_booleans(string text, bool expected)
    {
        using var yaml = new ParamsYaml($"x: {text}\n");

        Assert.Equal(expected, yaml.Root.Boolean("x"));
        Assert.Empty(yaml.Problems);
    }

    [Fact]
    public void Boolean_of_anything_else_is_a_problem()
    {
        using var yaml = new ParamsYaml("x: maybe\n");

        Assert.Null(yaml.Root.Boolean("x"));
        Assert.Equal("expected true or false, got 'maybe'", yaml.SingleProblemAt("maybe", "x").Message);
    }

    [Fact]
    public void Choice_accepts_one_of_the_choices_and_names_them_otherwise()
    {
        using var yaml = new ParamsYaml("a: binary\nb: forecast\n");

        Assert.Equal("binary", yaml.Root.Choice("a", "binary", "regression"));
        Assert.Null(yaml.Root.Choice("b", "binary", "regression"));
        Assert.Equal("expected one of binary, regression, got 'forecast'", yaml.SingleProblemAt("forecast", "b").Message);
    }

    [Fact]
    public void StringList_reads_a_list_and_a_lone_value_as_a_list_of_one()
    {
        using var yaml = new ParamsYaml(Yaml);

        Assert.Equal(["a", "b", "c"], yaml.Root.StringList("list"));
        Assert.Equal(["solo"], yaml.Root.StringList("single"));
        Assert.Empty(yaml.Root.StringList("absent"));
        Assert.Empty(yaml.Problems);
    }

    [Fact]
    public void StringList_records_a_mapping_and_each_item_that_is_not_a_single_value()
    {
        using var yaml = new ParamsYaml("a: {x: 1}\nb: [one, [two], three, {four: 4}]\n");

        Assert.Empty(yaml.Root.StringList("a"));
        Assert.Equal(["one", "three"], yaml.Root.StringList("b"));
        Assert.Equal(3, yaml.Problems.Count);
        Assert.Equal(("a", "expected a list of values"), (yaml.Problems[0].Key, yaml.Problems[0].Message));
        Assert.Equal((2L, 10L), (yaml.Problems[1].Line, yaml.Problems[1].Column));
        Assert.Equal((2L, 24L), (yaml.Problems[2].Line, yaml.Problems[2].Column));
        Assert.All(yaml.Problems.Skip(1), p => Assert.Equal("b", p.Key));
    }

    [Fact]
    public void AllowOnly_records_each_unknown_key_at_its_position_suggesting_the_nearest()
    {
        using var yaml = new ParamsYaml("split:\n  test_sise: 0.2\n  stratify: true\n  zzzzzzzzzz: 1\n");

        yaml.Root.Child("split")!.AllowOnly("test_size", "stratify", "time_column", "seed");

        Assert.Equal(2, yaml.Problems.Count);
        var typo = yaml.Problems[0];
        Assert.Equal(("split.test_sise", 2L, 3L), (typo.Key, typo.Line, typo.Column));
        Assert.Equal("unknown key (did you mean 'test_size'?); the keys here are: test_size, stratify, time_column, seed", typo.Message);
        var far = yaml.Problems[1];
        Assert.Equal("split.zzzzzzzzzz", far.Key);
        Assert.DoesNotContain("did you mean", far.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_says_what_a_value_is()
    {
        using var yaml = new ParamsYaml(Yaml);

        Assert.Equal("'clientes'", yaml.Root.Child("name")!.Describe());
        Assert.Equal("a list", yaml.Root.Child("list")!.Describe());
        Assert.Equal("a mapping", yaml.Root.Child("mapping")!.Describe());
    }

    [Fact]
    public void A_quoted_empty_or_null_string_is_a_value_not_an_absence()
    {
        using var yaml = new ParamsYaml("a: ''\nb: 'null'\n");

        Assert.Equal("", yaml.Root.String("a"));
        Assert.Equal("null", yaml.Root.String("b"));
    }

    [Fact]
    public void Problems_from_every_getter_are_collected_and_thrown_together()
    {
        using var yaml = new ParamsYaml("a: x\nb: y\nc: z\n");
        yaml.Root.Number("a");
        yaml.Root.Integer("b");
        yaml.Root.Boolean("c");

        var error = Assert.Throws<ConfigException>(() => yaml.File.Errors.ThrowIfAny("see the docs"));

        Assert.Equal(3, error.Problems.Count);
        Assert.Equal("see the docs", error.Hint);
        Assert.Equal("3 problems in the configuration:\n  params.yaml:1:4: a: expected a number, got 'x'\n  params.yaml:2:4: b: expected a whole number, got 'y'\n  params.yaml:3:4: c: expected true or false, got 'z'", error.Message);
    }

    [Fact]
    public void One_problem_is_the_whole_message()
    {
        using var yaml = new ParamsYaml("a: x\n");
        yaml.Root.Number("a");

        var error = Assert.Throws<ConfigException>(() => yaml.File.Errors.ThrowIfAny("hint"));

        Assert.Equal("params.yaml:1:4: a: expected a number, got 'x'", error.Message);
    }

    [Fact]
    public void No_problem_throws_nothing()
    {
        using var yaml = new ParamsYaml("a: 1\n");
        yaml.Root.Number("a");

        yaml.File.Errors.ThrowIfAny("hint");
    }
}
