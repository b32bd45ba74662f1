using Cauce.Core.Conventions;

namespace Cauce.Core.Workspace;

/// <summary>The course layout: every folder a Cauce project has, relative to its root, with '/' separators.</summary>
public static class ProjectLayout
{
    public const string Data = "data";
    public const string Docs = "docs";
    public const string Notebooks = "notebooks";
    public const string Reports = "reports";
    public const string Figures = "reports/figures";
    public const string Src = "src";
    public const string Models = "models";

    /// <summary>DVC's folder: its presence marks a project root, as it does for DVC.</summary>
    public const string DvcFolder = ".dvc";

    /// <summary>Cauce's own per-machine state (run log, caches, the embedded default remote); git-ignored.</summary>
    public const string CauceFolder = ".cauce";

    /// <summary>Every folder <c>cauce init</c> creates.</summary>
    public static IReadOnlyList<string> Folders { get; } =
    [
        .. DataPhases.All.Select(p => p.Folder()),
        Docs,
        Notebooks,
        Figures,
        Src,
        Models,
    ];

    /// <summary>The model registry's aliases (production, staging…): tracked in git beside the models.</summary>
    public const string ModelAliases = "models/aliases.yaml";

    /// <summary>Files in convention folders that belong to the tools, not to the conventions.</summary>
    public static bool IsHousekeeping(string fileName) =>
        fileName.StartsWith('.');
}
