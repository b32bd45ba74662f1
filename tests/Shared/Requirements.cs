namespace Cauce.Tests.Shared;

/// <summary>Where the optional things some tests need are, and whether they are here.</summary>
public static class Requirements
{
    /// <summary>The real datasets beside the repository (<c>../shared/datasets</c>), or null when absent.</summary>
    public static string? SharedDatasets { get; } = FindSharedDatasets();

    public const string Chromium = "/usr/bin/chromium";

    /// <summary>The repository's root (the folder with Cauce.slnx), for tests that use its worked example.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The full path of a file under <c>../shared/datasets</c>; only call from a <see cref="SharedDataFactAttribute"/> test.</summary>
    public static string SharedDataset(string relative) =>
        Path.Combine(SharedDatasets ?? throw new InvalidOperationException("../shared/datasets is absent"), relative);

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Cauce.slnx")))
                return folder.FullName;
        }

        throw new InvalidOperationException("the tests run outside the repository: no Cauce.slnx above " + AppContext.BaseDirectory);
    }

    private static string? FindSharedDatasets()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "datasets");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(folder.FullName, "shared", "DESIGN.md")))
                return candidate;
        }

        return null;
    }
}

/// <summary>A test on the real datasets of <c>../shared/datasets</c>: skipped, saying why, where they are absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (Requirements.SharedDatasets is null)
            Skip = "../shared/datasets is absent: the real-data checks need it beside the repository";
    }
}

/// <summary>A test that renders a page in headless Chromium: skipped where Chromium is not installed (CI installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Requirements.Chromium))
            Skip = $"Chromium is not installed ({Requirements.Chromium}): apt-get install chromium, as .ci/run does";
    }
}
