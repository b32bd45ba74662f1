namespace Cauce.Ml.Tests.Data.Config;

/// <summary>Files of the repository itself that tests use as worked examples.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository's own <c>params.yaml</c>.</summary>
    public static string ParamsYaml { get; } = Path.Combine(FindRoot(), "params.yaml");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Cauce.slnx")))
                return folder.FullName;
        }

        throw new InvalidOperationException("the repository root (Cauce.slnx) is not above the test's folder");
    }
}
