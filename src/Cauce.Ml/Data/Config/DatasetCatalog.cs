using System.Globalization;
using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Core.Pipelines;
using Cauce.Core.Workspace;
using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Data.Config;

/// <summary>
/// The datasets declared in <c>params.yaml</c>. Reading checks every key and reports every problem at once, each
/// with its line, column and dotted key (<c>datasets.clientes.split.test_size</c>).
/// </summary>
public sealed class DatasetCatalog
{
    private const string Hint = "see docs/params.md for every key of a dataset's entry";

    private readonly IReadOnlyDictionary<string, DatasetConfig> _datasets;

    private DatasetCatalog(IReadOnlyDictionary<string, DatasetConfig> datasets) => _datasets = datasets;

    public IReadOnlyCollection<string> Names => [.. _datasets.Keys];

    /// <summary>The dataset called <paramref name="name"/>; the error lists the ones there are.</summary>
    public DatasetConfig Get(string name)
    {
        if (_datasets.TryGetValue(name, out var config))
            return config;
        var known = _datasets.Count == 0 ? "it declares none" : "it declares " + string.Join(", ", _datasets.Keys);
        throw new CauceException($"params.yaml has no dataset '{name}' ({known})",
            $"add an entry under 'datasets:' in params.yaml ({Hint}), or run the ad hoc form with --input FILE");
    }

    public static DatasetCatalog Load(string projectRoot)
    {
        var file = ParamsFile.Load(projectRoot);
        var root = file.Root;
        var seed = (ulong)(root.Integer("seed", min: 0) ?? 42);
        var datasets = new Dictionary<string, DatasetConfig>(StringComparer.Ordinal);
        foreach (var (name, node) in root.Child("datasets")?.Entries() ?? [])
        {
            if (NameParts.FieldProblem(name, "the dataset name") is { } problem)
            {
                node.Problem(problem);
                continue;
            }

            if (Read(projectRoot, name, node, seed) is { } config)
                datasets[name] = config;
        }

        file.Errors.ThrowIfAny(Hint);
        return new DatasetCatalog(datasets);
    }

    private static DatasetConfig? Read(string projectRoot, string name, ConfigNode node, ulong seed)
    {
        node.AllowOnly("date", "raw", "target", "task", "id", "drop", "missing", "decimal", "columns", "impute", "derive", "validate", "split", "train");
        var dateText = node.String("date", required: true);
        DateOnly date = default;
        if (dateText is not null && !NameParts.TryParseDate(dateText, out date))
            node.Child("date")!.Problem($"expected a date written YYYYMMDD, got '{dateText}' (quote it: date: '20250930')");

        var raw = node.String("raw") ?? new DatasetFileName(name, DataPhase.Raw, date).RelativePath;
        if (node.Child("raw") is { } rawNode && ProjectPaths.TryResolve(projectRoot, raw) is null)
            rawNode.Problem($"'{raw}' is not a path inside the project");

        var task = node.Choice("task", PredictionTasks.Names);
        var id = node.StringList("id");
        var drop = node.StringList("drop");
        var missing = node.Child("missing") is null ? Values.DefaultMissingTokens : new HashSet<string>(node.StringList("missing").Select(t => t.Trim()).Append(""), StringComparer.Ordinal);
        var decimalMark = node.Choice("decimal", ".", ",");
        var columns = ReadColumns(node.Child("columns"));
        var impute = node.Child("impute");
        impute?.AllowOnly("numeric", "category", "boolean");
        var validate = node.Child("validate");
        validate?.AllowOnly("max_missing", "unique");
        var split = node.Child("split");
        split?.AllowOnly("test_size", "stratify", "time_column", "seed");
        var derive = new List<DerivedFeature>();
        foreach (var (feature, expression) in node.Child("derive")?.Entries() ?? [])
        {
            if (expression.Scalar is { } text)
                derive.Add(new DerivedFeature(feature, text));
            else
                expression.Problem("expected an expression such as 'cargo_total / antiguedad_meses'");
        }

        return new DatasetConfig
        {
            Name = name,
            Seed = seed,
            Train = ReadTrain(node.Child("train")),
            Date = date,
            RawPath = raw,
            Target = node.String("target"),
            Task = task is null ? null : PredictionTasks.Parse(task),
            Id = id,
            Drop = drop,
            MissingTokens = missing,
            DecimalComma = decimalMark == ",",
            Columns = columns,
            ImputeNumeric = Strategy(impute, "numeric") ?? ImputeStrategy.Median,
            ImputeCategory = Strategy(impute, "category") ?? ImputeStrategy.Mode,
            ImputeBoolean = Strategy(impute, "boolean") ?? ImputeStrategy.Mode,
            Derive = derive,
            Validate = new ValidationConfig(validate?.Number("max_missing", 0, 1) ?? 1, validate?.Child("unique") is null ? id : validate.StringList("unique")),
            Split = new SplitConfig(
                split?.Number("test_size", 0.01, 0.99) ?? 0.2,
                split?.Boolean("stratify") ?? true,
                split?.String("time_column"),
                (ulong)(split?.Integer("seed", min: 0) ?? (long)seed)),
        };
    }

    private static TrainConfig ReadTrain(ConfigNode? node)
    {
        if (node is null)
            return TrainConfig.Default;
        var algorithms = Core.Conventions.Algorithms.Catalog.Select(a => a.Key).ToArray();
        node.AllowOnly([.. new[] { "algos", "folds", "versions" }.Concat(algorithms)]);
        var algos = node.StringList("algos");
        foreach (var algo in algos.Where(a => !algorithms.Contains(a)))
            node.Child("algos")!.Problem($"'{algo}' is not an algorithm of the catalog ({string.Join(", ", algorithms)})");
        var settings = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var algo in algorithms)
        {
            if (node.Child(algo) is not { } entry)
                continue;
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (key, value) in entry.Entries())
            {
                if (value.AsNumber() is { } number)
                    values[key] = number;
            }

            settings[algo] = values;
        }

        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (algo, value) in node.Child("versions")?.Entries() ?? [])
        {
            if (!algorithms.Contains(algo))
                value.Problem($"'{algo}' is not an algorithm of the catalog ({string.Join(", ", algorithms)})");
            else if (value.AsNumber(1, 1_000_000) is { } version && version == Math.Floor(version))
                versions[algo] = (int)version;
            else
                value.Problem("expected a version number: 1, 2, …");
        }

        return new TrainConfig(algos, (int)(node.Integer("folds", 0, 100) ?? 0), settings, versions);
    }

    private static Dictionary<string, ColumnConfig> ReadColumns(ConfigNode? node)
    {
        var columns = new Dictionary<string, ColumnConfig>(StringComparer.Ordinal);
        foreach (var (column, entry) in node?.Entries() ?? [])
        {
            entry.AllowOnly("type", "min", "max", "values", "sentinels", "impute", "required");
            ColumnType? type = null;
            if (entry.String("type") is { } typeName)
            {
                if (ColumnTypes.TryParse(typeName, out var parsed))
                    type = parsed;
                else
                    entry.Child("type")!.Problem($"expected one of {ColumnTypes.List}, got '{typeName}'");
            }

            var values = entry.Child("values") is null ? null : entry.StringList("values");
            if (values is not null && values.GroupBy(v => CategorySpellings.Key(v)).FirstOrDefault(g => g.Count() > 1) is { } twice)
                entry.Child("values")!.Problem($"lists the same label twice: {string.Join(", ", twice.Select(v => $"'{v}'"))}");
            var min = entry.Number("min");
            var max = entry.Number("max");
            if (min > max)
                entry.Child("max")!.Problem(string.Create(CultureInfo.InvariantCulture, $"is below min ({min})"));
            columns[column] = new ColumnConfig
            {
                Type = type,
                Min = min,
                Max = max,
                Values = values,
                Sentinels = entry.StringList("sentinels"),
                Impute = Strategy(entry, "impute"),
                Required = entry.Boolean("required") ?? true,
            };
        }

        return columns;
    }

    private static ImputeStrategy? Strategy(ConfigNode? node, string key) =>
        node?.Choice(key, "median", "mean", "mode", "zero", "none", "drop") switch
        {
            "median" => ImputeStrategy.Median,
            "mean" => ImputeStrategy.Mean,
            "mode" => ImputeStrategy.Mode,
            "zero" => ImputeStrategy.Zero,
            "none" => ImputeStrategy.None,
            "drop" => ImputeStrategy.DropRow,
            _ => null,
        };
}
