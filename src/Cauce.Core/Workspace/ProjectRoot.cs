using Cauce.Core.Errors;

namespace Cauce.Core.Workspace;

/// <summary>Finds the root of the project a folder belongs to: the nearest folder, going up, that holds <c>.dvc/</c>.</summary>
public static class ProjectRoot
{
    /// <summary>The project root at or above <paramref name="start"/>, or null when there is none.</summary>
    public static string? TryFind(string start)
    {
        var folder = new DirectoryInfo(Path.GetFullPath(start));
        if (!folder.Exists && File.Exists(folder.FullName))
            folder = folder.Parent;
        for (; folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, ProjectLayout.DvcFolder)))
                return folder.FullName;
        }

        return null;
    }

    /// <summary>The project root at or above <paramref name="start"/>; throws <see cref="NotAProjectException"/> (exit 3) when there is none.</summary>
    public static string Find(string start) => TryFind(start) ?? throw new NotAProjectException(Path.GetFullPath(start));

    public static bool IsRoot(string folder) => Directory.Exists(Path.Combine(folder, ProjectLayout.DvcFolder));

    /// <summary>A path relative to the root with '/' separators, as every report and message shows paths.</summary>
    public static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
