using Cauce.Core.Workspace;

namespace Cauce.Core.Conventions;

/// <summary>
/// Lints every file in the convention folders of a project against the naming rules, reporting each file once.
/// Data files are checked whether git ignores them or not, and so are files that are only present as DVC
/// pointers (<c>x.csv.dvc</c> whose data was not pulled). Hidden files (tool housekeeping) are skipped.
/// </summary>
public static class ConventionChecker
{
    private const string PointerExtension = ".dvc";

    /// <summary>Checks the project at <paramref name="root"/>; with <paramref name="scope"/> (a file or folder inside it) only what lies there.</summary>
    public static CheckReport Check(string root, string? scope = null)
    {
        root = Path.GetFullPath(root);
        var violations = new List<Violation>();
        var files = 0;
        foreach (var (relative, name) in ConventionFiles(root))
        {
            if (scope is not null && !IsWithin(Path.Combine(root, relative), scope))
                continue;
            files++;
            if (CheckFile(relative, name) is { } violation)
                violations.Add(violation);
        }

        violations.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new CheckReport(violations, files);
    }

    /// <summary>The one violation of a file, or null. <paramref name="relative"/> is its path from the root; <paramref name="name"/> the name to judge (a pointer's target).</summary>
    internal static Violation? CheckFile(string relative, string name)
    {
        var folder = relative.Contains('/') ? relative[..relative.LastIndexOf('/')] : "";
        var extension = Path.GetExtension(name).ToLowerInvariant();

        foreach (var phase in DataPhases.All)
        {
            if (folder == phase.Folder())
                return extension == DatasetFileName.Extension ? CheckDataset(relative, name, phase) : Unexpected(relative, $"{folder} holds dataset files <dataset>_{phase.Name()}_<YYYYMMDD>.csv");
        }

        if (folder == ProjectLayout.Notebooks)
        {
            return extension == NotebookFileName.Extension
                ? NameViolation(relative, Rules.NotebookName, NotebookFileName.TryParse(name), NameSuggester.ForNotebook(name), folder)
                : Unexpected(relative, "notebooks/ holds notebooks <NN>_<topic>_<author>.ipynb");
        }

        if (folder == ProjectLayout.Figures)
        {
            return extension == FigureFileName.Extension
                ? NameViolation(relative, Rules.FigureName, FigureFileName.TryParse(name), NameSuggester.ForFigure(name), folder)
                : Unexpected(relative, "reports/figures/ holds figures <topic>_<dataset>[_<phase>]_<YYYYMMDD>.png");
        }

        if (relative == ProjectLayout.ModelAliases)
            return null;
        if (folder == ProjectLayout.Models)
        {
            return extension is ".zip" or ".json" or ".onnx"
                ? NameViolation(relative, Rules.ModelName, ModelFileName.TryParse(name), NameSuggester.ForModel(name), folder)
                : Unexpected(relative, "models/ holds model files <algo>_<dataset>_v<N>.zip with their .json card and .onnx export");
        }

        // Anywhere else under a convention folder: a nested folder, or data/ outside its phase folders.
        var asDataset = DatasetFileName.TryParse(name);
        return folder.StartsWith(ProjectLayout.Data + "/", StringComparison.Ordinal) || folder == ProjectLayout.Data
            ? Unexpected(relative, "data/ holds its files directly in data/raw, data/interim and data/processed", asDataset.Value?.RelativePath)
            : Unexpected(relative, $"{TopFolder(folder)}/ keeps its files directly in it, not in subfolders");
    }

    private static Violation? CheckDataset(string relative, string name, DataPhase folderPhase)
    {
        var result = DatasetFileName.TryParse(name);
        if (!result.IsValid)
            return NameViolation(relative, Rules.DatasetName, result, NameSuggester.ForDataset(name, folderPhase), folderPhase.Folder());
        var parsed = result.Value!;
        if (parsed.Phase == folderPhase)
            return null;
        return new Violation(
            relative,
            Rules.DatasetFolder,
            $"named for phase '{parsed.Phase.Name()}' but lies in {folderPhase.Folder()}: move it to {parsed.Phase.Folder()}, or rename it for {folderPhase.Name()}",
            parsed.RelativePath);
    }

    private static Violation? NameViolation<T>(string relative, string rule, NameResult<T> result, string? suggestion, string folder) where T : class =>
        result.IsValid ? null : new Violation(relative, rule, result.Reason, suggestion is null ? null : $"{folder}/{suggestion}");

    private static Violation Unexpected(string relative, string expectation, string? suggestion = null) =>
        new(relative, Rules.UnexpectedFile, $"belongs to no naming convention: {expectation}", suggestion);

    private static string TopFolder(string folder) =>
        folder.StartsWith(ProjectLayout.Figures, StringComparison.Ordinal) ? ProjectLayout.Figures : folder.Split('/')[0];

    /// <summary>
    /// Every file under the convention folders as (path from root, name to judge). A pointer <c>x.dvc</c> stands for
    /// <c>x</c> when <c>x</c> itself is absent, so a file is never reported twice.
    /// </summary>
    private static IEnumerable<(string Relative, string Name)> ConventionFiles(string root)
    {
        string[] tops = [ProjectLayout.Data, ProjectLayout.Notebooks, ProjectLayout.Figures, ProjectLayout.Models];
        foreach (var top in tops)
        {
            var folder = Path.Combine(root, top);
            if (!Directory.Exists(folder))
                continue;
            foreach (var file in VisibleFiles(folder))
            {
                var name = Path.GetFileName(file);
                if (name.EndsWith(PointerExtension, StringComparison.Ordinal) && name.Length > PointerExtension.Length)
                {
                    // A pointer stands for its target: judged as the target's name when the target is not a file here.
                    if (File.Exists(file[..^PointerExtension.Length]))
                        continue;
                    name = name[..^PointerExtension.Length];
                }

                yield return (ProjectRoot.Relative(root, file), name);
            }
        }
    }

    /// <summary>Files below <paramref name="folder"/>, hidden ones left out; a DVC-tracked folder (one with a pointer beside it) is not entered.</summary>
    private static IEnumerable<string> VisibleFiles(string folder)
    {
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var entry in Directory.EnumerateFileSystemEntries(current).Order(StringComparer.Ordinal))
            {
                if (ProjectLayout.IsHousekeeping(Path.GetFileName(entry)))
                    continue;
                if (!Directory.Exists(entry))
                    yield return entry;
                else if (!File.Exists(entry + PointerExtension))
                    pending.Push(entry);
            }
        }
    }

    private static bool IsWithin(string path, string scope)
    {
        var full = Path.GetFullPath(scope).TrimEnd(Path.DirectorySeparatorChar);
        return path == full || path.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
