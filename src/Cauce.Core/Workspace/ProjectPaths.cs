namespace Cauce.Core.Workspace;

/// <summary>Resolves paths read from files (params.yaml, dvc.yaml, .dvc files) and refuses those that leave the project.</summary>
public static class ProjectPaths
{
    /// <summary>
    /// The full path of <paramref name="relative"/> inside <paramref name="root"/>, or null when it is absolute or
    /// climbs out of the project (with '..' or a link is not followed: the check is on the path's text).
    /// </summary>
    public static string? TryResolve(string root, string relative)
    {
        if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative) || relative.Contains('\0', StringComparison.Ordinal))
            return null;
        var full = Path.GetFullPath(Path.Combine(root, relative));
        var prefix = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal) ? full : null;
    }
}
