using System.Reflection;
using Cauce.Core.Errors;
using Cauce.Core.IO;

namespace Cauce.Core.Workspace;

/// <summary>What <c>cauce init</c> did: the files it wrote and the ones it left alone because they were there.</summary>
public sealed record ScaffoldResult(string Root, IReadOnlyList<string> Created, IReadOnlyList<string> Kept);

/// <summary>
/// Lays out a new project: the course folders, git and DVC housekeeping, skeleton <c>params.yaml</c> and
/// <c>dvc.yaml</c>, and a README. It never overwrites a file that exists.
/// </summary>
public static class Scaffolder
{
    private const string KeepFile = ".gitkeep";

    /// <summary>Template resource name → path in the new project.</summary>
    private static readonly (string Template, string Target)[] Files =
    [
        ("gitignore", ".gitignore"),
        ("env.example", ".env.example"),
        ("dvcignore", ".dvcignore"),
        ("dvc/config", ".dvc/config"),
        ("dvc/gitignore", ".dvc/.gitignore"),
        ("params.yaml", "params.yaml"),
        ("dvc.yaml", "dvc.yaml"),
        ("README.md", "README.md"),
    ];

    /// <summary>
    /// Scaffolds a project in <paramref name="folder"/>. Refuses a folder that already is a project unless
    /// <paramref name="force"/>; even then, existing files are kept as they are.
    /// </summary>
    public static ScaffoldResult Init(string folder, bool force)
    {
        var root = Path.GetFullPath(folder);
        if (File.Exists(root))
            throw CauceException.Usage($"'{folder}' is a file, not a folder", "give a folder for the new project");
        if (ProjectRoot.IsRoot(root) && !force)
        {
            throw new CauceException(
                $"'{root}' is already a Cauce/DVC project (it has a .dvc folder)",
                "run 'cauce init --force' to add what is missing; existing files are never overwritten");
        }

        var created = new List<string>();
        var kept = new List<string>();
        try
        {
            foreach (var layoutFolder in ProjectLayout.Folders)
                Place(root, $"{layoutFolder}/{KeepFile}", "", created, kept);
            var name = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar));
            foreach (var (template, target) in Files)
                Place(root, target, Template(template).Replace("{{name}}", name, StringComparison.Ordinal), created, kept);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CauceException($"cannot write in '{root}': {e.Message}", "choose a folder you can write to");
        }

        return new ScaffoldResult(root, created, kept);
    }

    private static void Place(string root, string relative, string content, List<string> created, List<string> kept)
    {
        var path = Path.Combine(root, relative);
        if (File.Exists(path) || Directory.Exists(path))
        {
            kept.Add(relative);
            return;
        }

        AtomicFile.WriteAllText(path, content);
        created.Add(relative);
    }

    private static string Template(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Cauce.Templates/" + name)
            ?? throw new InvalidOperationException($"template '{name}' is not embedded in Cauce.Core");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
