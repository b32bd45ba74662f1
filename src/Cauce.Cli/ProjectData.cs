using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Core.Workspace;
using Cauce.Ml.Data.Config;
using Cauce.Ml.Data.Csv;

namespace Cauce.Cli;

/// <summary>The project a data command runs in: its root, its datasets, and how to show its paths.</summary>
internal sealed class ProjectData(CliContext context, string root)
{
    private DatasetCatalog? _catalog;

    public string Root { get; } = root;

    public CliContext Context { get; } = context;

    public static ProjectData Find(CliContext context) => new(context, ProjectRoot.Find(context.WorkingDirectory));

    public DatasetCatalog Catalog => _catalog ??= DatasetCatalog.Load(Root);

    /// <summary>A path as messages show it: relative to the working folder.</summary>
    public string Display(string fullPath) => ProjectRoot.Relative(Context.WorkingDirectory, fullPath);

    /// <summary>The full path of a project-relative path ('/' separators).</summary>
    public string InProject(string relative) => Path.Combine(Root, relative);

    /// <summary>Opens a CSV given on the command line (relative to the working folder).</summary>
    public CsvInput OpenInput(string path)
    {
        var full = Context.FullPath(path);
        return CsvInput.Open(full, Display(full));
    }

    /// <summary>Opens a dataset's raw file, named in params.yaml.</summary>
    public CsvInput OpenRaw(DatasetConfig config)
    {
        var full = ProjectPaths.TryResolve(Root, config.RawPath)
            ?? throw new CauceException($"params.yaml: datasets.{config.Name}.raw '{config.RawPath}' is not inside the project");
        return CsvInput.Open(full, Display(full));
    }

    /// <summary>The date given with --date, or today.</summary>
    public DateOnly DateOrToday(string? date)
    {
        if (date is null)
            return Context.Today;
        return NameParts.TryParseDate(date, out var parsed)
            ? parsed
            : throw CauceException.Usage($"--date '{date}' is not a date written YYYYMMDD", "for example --date 20250930");
    }

    /// <summary>A dataset name for an ad hoc file: --name, or the file's own dataset name, or its stem made valid.</summary>
    public static string NameFor(string? name, string inputPath)
    {
        if (name is not null)
        {
            return NameParts.FieldProblem(name, "--name") is { } problem
                ? throw CauceException.Usage(problem, "a dataset name is lower-case letters and digits, words joined by '-'")
                : name;
        }

        if (DatasetFileName.TryParse(Path.GetFileName(inputPath)).Value is { } parsed)
            return parsed.Dataset;
        throw CauceException.Usage($"'{Path.GetFileName(inputPath)}' does not say which dataset it is", "name it with --name, e.g. --name clientes");
    }
}
