using Cauce.Core.Errors;
using Cauce.Core.Pipelines;
using Cauce.Ml.Data.Config;
using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Tests.Data.Config;

public sealed class DatasetCatalogTests : IDisposable
{
    private readonly TempFolder _project = new TempFolder().AsProject();

    public void Dispose() => _project.Dispose();

    private DatasetCatalog Load(string yaml)
    {
        _project.Write("params.yaml", yaml);
        return DatasetCatalog.Load(_project.Root);
    }

    private ConfigException Fails(string yaml) => Assert.Throws<ConfigException>(() => Load(yaml));

    /// <summary>A minimal valid dataset entry, with <paramref name="extra"/> lines (already indented by four) appended.</summary>
    private static string Dataset(params string[] extra) =>
        "datasets:\n  clientes:\n    date: '20250930'\n    target: abandono\n" + string.Concat(extra.Select(e => e + "\n"));

    /// <summary>The 1-based line and column where <paramref name="needle"/> first occurs in <paramref name="yaml"/>.</summary>
    private static (long Line, long Column) Position(string yaml, string needle)
    {
        var index = yaml.IndexOf(needle, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{needle}' is not in the YAML");
        var before = yaml[..index];
        return (before.Count(c => c == '\n') + 1, index - (before.LastIndexOf('\n') + 1) + 1);
    }

    private static void AssertProblemAt(ConfigException error, string yaml, string needle, string key, string message)
    {
        var (line, column) = Position(yaml, needle);
        var problem = Assert.Single(error.Problems, p => p.Key == key);
        Assert.Equal("params.yaml", problem.File);
        Assert.Equal(line, problem.Line);
        Assert.Equal(column, problem.Column);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Contains($"params.yaml:{line}:{column}: {key}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_params_yaml_loads_with_its_values()
    {
        File.Copy(RepositoryFiles.ParamsYaml, _project.Path("params.yaml"));

        var catalog = DatasetCatalog.Load(_project.Root);

        Assert.Contains("clientes", catalog.Names);
        var clientes = catalog.Get("clientes");
        Assert.Equal(new DateOnly(2025, 9, 30), clientes.Date);
        Assert.Equal("data/raw/clientes_raw_20250930.csv", clientes.RawPath);
        Assert.Equal("data/interim/clientes_interim_20250930.csv", clientes.InterimName.RelativePath);
        Assert.Equal("data/processed/clientes_processed_20250930.csv", clientes.ProcessedName.RelativePath);
        Assert.Equal("abandono", clientes.Target);
        Assert.Equal(PredictionTask.Binary, clientes.Task);
        Assert.Equal(["id_cliente"], clientes.Id);
        Assert.Empty(clientes.Drop);

        var edad = clientes.Columns["edad"];
        Assert.Equal(ColumnType.Integer, edad.Type);
        Assert.Equal(18, edad.Min);
        Assert.Equal(100, edad.Max);
        Assert.Equal(["-1", "999"], edad.Sentinels);
        Assert.True(edad.Required);
        Assert.Equal(ColumnType.Boolean, clientes.Columns["es_mayor"].Type);
        Assert.Equal(["DSL", "Fibra", "Ninguno"], clientes.Columns["servicio_internet"].Values);
        Assert.Equal(["Mensual", "Anual", "Bianual"], clientes.Columns["tipo_contrato"].Values);
        Assert.Equal(ColumnType.Number, clientes.Columns["cargo_total"].Type);
        Assert.Equal(0, clientes.Columns["cargo_total"].Min);
        Assert.Null(clientes.Columns["cargo_total"].Max);

        Assert.Equal([new DerivedFeature("cargo_por_mes", "cargo_total / antiguedad_meses"), new DerivedFeature("cliente_nuevo", "antiguedad_meses < 6")], clientes.Derive);
        Assert.Equal(0.05, clientes.Validate.MaxMissing);
        Assert.Equal(["id_cliente"], clientes.Validate.Unique);
        Assert.Equal(new SplitConfig(0.2, true, null, 42), clientes.Split);
        Assert.Same(Values.DefaultMissingTokens, clientes.MissingTokens);
        Assert.False(clientes.DecimalComma);
        Assert.Equal(ImputeStrategy.Median, clientes.ImputeNumeric);
        Assert.Equal(ImputeStrategy.Mode, clientes.ImputeCategory);

        Assert.Contains("ventas", catalog.Names);
        var ventas = catalog.Get("ventas");
        Assert.Equal(PredictionTask.Regression, ventas.Task);
        Assert.Equal("unidades_vendidas", ventas.Target);
        Assert.Equal(new SplitConfig(0.2, true, "fecha", 42), ventas.Split);
        Assert.Equal(ColumnType.Date, ventas.Columns["fecha"].Type);
        Assert.Equal(["-999"], ventas.Columns["temperatura"].Sentinels);
    }

    [Fact]
    public void Defaults_fill_what_an_entry_leaves_out()
    {
        var catalog = Load("datasets:\n  ventas:\n    date: 20250930\n");

        var ventas = catalog.Get("ventas");
        Assert.Equal(new DateOnly(2025, 9, 30), ventas.Date);
        Assert.Equal("data/raw/ventas_raw_20250930.csv", ventas.RawPath);
        Assert.Null(ventas.Target);
        Assert.Null(ventas.Task);
        Assert.Empty(ventas.Id);
        Assert.Empty(ventas.Columns);
        Assert.Equal(1, ventas.Validate.MaxMissing);
        Assert.Equal(new SplitConfig(0.2, true, null, 42), ventas.Split);
    }

    [Fact]
    public void The_top_level_seed_is_the_split_seed_unless_the_split_names_its_own()
    {
        var catalog = Load("seed: 7\ndatasets:\n  a:\n    date: '20250930'\n  b:\n    date: '20250930'\n    split: {seed: 99}\n");

        Assert.Equal(7UL, catalog.Get("a").Split.Seed);
        Assert.Equal(99UL, catalog.Get("b").Split.Seed);
    }

    [Fact]
    public void Missing_tokens_decimal_impute_and_unique_are_read()
    {
        var catalog = Load(Dataset(
            "    missing: ['-', ' ? ']",
            "    decimal: ','",
            "    impute: {numeric: mean, category: none}",
            "    validate: {unique: [codigo], max_missing: 0.1}",
            "    columns:",
            "      edad: {impute: zero, required: false}"));

        var config = catalog.Get("clientes");
        Assert.Equal(new HashSet<string>(["-", "?", ""]), config.MissingTokens.ToHashSet());
        Assert.True(config.DecimalComma);
        Assert.Equal(ImputeStrategy.Mean, config.ImputeNumeric);
        Assert.Equal(ImputeStrategy.None, config.ImputeCategory);
        Assert.Equal(ImputeStrategy.Mode, config.ImputeBoolean);
        Assert.Equal(["codigo"], config.Validate.Unique);
        Assert.Equal(0.1, config.Validate.MaxMissing);
        Assert.Equal(ImputeStrategy.Zero, config.Columns["edad"].Impute);
        Assert.False(config.Columns["edad"].Required);
    }

    [Fact]
    public void An_unknown_key_is_reported_where_it_is_with_the_key_it_probably_meant()
    {
        var yaml = "datasets:\n  clientes:\n    date: '20250930'\n    tagret: abandono\n";

        var error = Fails(yaml);

        AssertProblemAt(error, yaml, "tagret", "datasets.clientes.tagret", "unknown key (did you mean 'target'?)");
    }

    [Fact]
    public void An_unknown_key_deep_in_a_column_is_reported_with_its_dotted_path()
    {
        var yaml = Dataset("    columns:", "      edad: {type: integer, maximo: 100}");

        var error = Fails(yaml);

        AssertProblemAt(error, yaml, "maximo", "datasets.clientes.columns.edad.maximo", "unknown key");
        Assert.Contains("min, max", error.Problems.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_size_out_of_range_is_reported_at_its_value()
    {
        var yaml = Dataset("    split: {test_size: 1.5}");

        var error = Fails(yaml);

        AssertProblemAt(error, yaml, "1.5", "datasets.clientes.split.test_size", "expected a number from 0.01 to 0.99, got 1.5");
    }

    [Fact]
    public void An_unknown_type_is_reported_with_the_types_there_are()
    {
        var yaml = Dataset("    columns:", "      cargo_total:", "        type: float");

        var error = Fails(yaml);

        AssertProblemAt(error, yaml, "float", "datasets.clientes.columns.cargo_total.type", "expected one of integer, number, boolean, category, text, date, got 'float'");
    }

    [Fact]
    public void A_date_not_written_yyyymmdd_is_reported()
    {
        var yaml = "datasets:\n  clientes:\n    date: '2025-09-30'\n";

        var error = Fails(yaml);

        AssertProblemAt(error, yaml, "'2025-09-30'", "datasets.clientes.date", "expected a date written YYYYMMDD, got '2025-09-30'");
    }

    [Fact]
    public void An_impossible_calendar_date_is_reported()
    {
        var error = Fails("datasets:\n  clientes:\n    date: '20250231'\n");

        Assert.Equal("datasets.clientes.date", Assert.Single(error.Problems).Key);
    }

    [Fact]
    public void A_missing_date_is_reported_at_the_dataset()
    {
        var yaml = "datasets:\n  clientes:\n    target: abandono\n";

        var error = Fails(yaml);

        AssertProblemAt(error, yaml, "target", "datasets.clientes", "the key 'date' is required");
    }

    [Fact]
    public void The_same_label_declared_twice_in_any_spelling_is_reported()
    {
        var yaml = Dataset("    columns:", "      region: {type: category, values: [Norte, Sur, ' norte']}");

        var error = Fails(yaml);

        AssertProblemAt(error, yaml, "[Norte", "datasets.clientes.columns.region.values", "lists the same label twice: 'Norte', ' norte'");
    }

    [Fact]
    public void A_minimum_above_the_maximum_is_reported_at_the_maximum()
    {
        var yaml = Dataset("    columns:", "      edad: {min: 100, max: 18}");

        var error = Fails(yaml);

        AssertProblemAt(error, yaml, "18}", "datasets.clientes.columns.edad.max", "is below min (100)");
    }

    [Theory]
    [InlineData("../outside.csv")]
    [InlineData("data/../../outside.csv")]
    [InlineData("/etc/passwd")]
    public void A_raw_path_outside_the_project_is_reported(string raw)
    {
        var yaml = Dataset($"    raw: '{raw}'");

        var error = Fails(yaml);

        AssertProblemAt(error, yaml, $"'{raw}'", "datasets.clientes.raw", $"'{raw}' is not a path inside the project");
    }

    [Fact]
    public void A_raw_path_inside_the_project_is_kept_as_written()
    {
        var catalog = Load(Dataset("    raw: exports/clientes.csv"));

        Assert.Equal("exports/clientes.csv", catalog.Get("clientes").RawPath);
    }

    [Theory]
    [InlineData("task: clasificacion", "datasets.clientes.task", "expected one of binary, multiclass, regression")]
    [InlineData("decimal: ';'", "datasets.clientes.decimal", "expected one of ., ,")]
    [InlineData("split: {stratify: maybe}", "datasets.clientes.split.stratify", "expected true or false, got 'maybe'")]
    [InlineData("split: {seed: -1}", "datasets.clientes.split.seed", "expected a whole number of at least 0, got -1")]
    [InlineData("validate: {max_missing: 5%}", "datasets.clientes.validate.max_missing", "expected a number, got '5%'")]
    [InlineData("impute: {numeric: average}", "datasets.clientes.impute.numeric", "expected one of median, mean, mode, zero, none, drop")]
    [InlineData("id: {a: 1}", "datasets.clientes.id", "expected a list of values")]
    [InlineData("derive: {f: [1, 2]}", "datasets.clientes.derive.f", "expected an expression")]
    public void Each_bad_value_is_reported_with_its_key(string line, string key, string message)
    {
        var error = Fails(Dataset("    " + line));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(key, problem.Key);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_name_that_breaks_the_naming_rules_is_reported()
    {
        var error = Fails("datasets:\n  Clientes_2025:\n    date: '20250930'\n");

        Assert.Equal("datasets.Clientes_2025", Assert.Single(error.Problems).Key);
    }

    [Fact]
    public void Several_problems_are_reported_together_in_one_exception()
    {
        var yaml = string.Join("\n",
            "seed: -3",
            "datasets:",
            "  clientes:",
            "    date: '2025-09-30'",
            "    tagret: abandono",
            "    raw: ../outside.csv",
            "    columns:",
            "      edad: {type: float, min: 100, max: 18}",
            "    split: {test_size: 1.5}",
            "  ventas:",
            "    date: '20250930'",
            "    task: forecast",
            "");

        var error = Fails(yaml);

        string[] expected = ["seed", "datasets.clientes.date", "datasets.clientes.tagret", "datasets.clientes.raw", "datasets.clientes.columns.edad.type", "datasets.clientes.columns.edad.max", "datasets.clientes.split.test_size", "datasets.ventas.task"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), error.Problems.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(8, error.Problems.Count);
        Assert.StartsWith("8 problems in the configuration:", error.Message, StringComparison.Ordinal);
        foreach (var problem in error.Problems)
            Assert.Contains(problem.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("docs/params.md", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_of_an_unknown_dataset_lists_the_known_ones()
    {
        var catalog = Load("datasets:\n  clientes:\n    date: '20250930'\n  ventas:\n    date: '20250930'\n");

        var error = Assert.Throws<CauceException>(() => catalog.Get("clientess"));

        Assert.Contains("no dataset 'clientess'", error.Message, StringComparison.Ordinal);
        Assert.Contains("it declares clientes, ventas", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void Get_with_no_datasets_says_there_are_none()
    {
        var catalog = Load("seed: 42\n");

        var error = Assert.Throws<CauceException>(() => catalog.Get("clientes"));

        Assert.Contains("it declares none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_is_a_data_file_error_with_its_line()
    {
        var error = Assert.Throws<DataFileException>(() => Load("seed: 42\ndatasets:\n  clientes: date: '20250930'\n"));

        Assert.Equal("params.yaml", error.FilePath);
        Assert.Equal(3, error.Line);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_params_file_is_an_empty_catalog()
    {
        var catalog = DatasetCatalog.Load(_project.Root);

        Assert.Empty(catalog.Names);
    }
}
