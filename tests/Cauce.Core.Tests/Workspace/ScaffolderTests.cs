using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Core.Workspace;

namespace Cauce.Core.Tests.Workspace;

public sealed class ScaffolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Init_lays_out_the_course_folders_and_housekeeping_files()
    {
        var result = Scaffolder.Init(_folder.Path("proyecto"), force: false);

        foreach (var folder in new[] { "data/raw", "data/interim", "data/processed", "docs", "notebooks", "reports/figures", "src", "models" })
            Assert.True(_folder.Exists($"proyecto/{folder}/.gitkeep"), folder);
        foreach (var file in new[] { ".gitignore", ".env.example", ".dvcignore", ".dvc/config", ".dvc/.gitignore", "params.yaml", "dvc.yaml", "README.md" })
            Assert.True(_folder.Exists($"proyecto/{file}"), file);
        Assert.Empty(result.Kept);
        Assert.StartsWith("# proyecto", _folder.Read("proyecto/README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_new_project_has_a_local_default_remote_and_ignores_secrets_and_data()
    {
        Scaffolder.Init(_folder.Root, force: false);

        var config = _folder.Read(".dvc/config");
        Assert.Contains("remote = local", config, StringComparison.Ordinal);
        Assert.Contains("['remote \"local\"']", config, StringComparison.Ordinal);
        var gitignore = _folder.Read(".gitignore").Split('\n');
        Assert.Contains(".env", gitignore);
        Assert.Contains("/data/**/*", gitignore);
        Assert.Contains("!/data/**/*.dvc", gitignore);
    }

    [Fact]
    public void The_new_project_passes_the_lint()
    {
        Scaffolder.Init(_folder.Root, force: false);

        Assert.True(ConventionChecker.Check(_folder.Root).IsClean);
        Assert.Equal(_folder.Root, ProjectRoot.Find(_folder.Path("data/raw")));
    }

    [Fact]
    public void Init_refuses_an_existing_project_without_force()
    {
        Scaffolder.Init(_folder.Root, force: false);

        var error = Assert.Throws<CauceException>(() => Scaffolder.Init(_folder.Root, force: false));

        Assert.Contains("already", error.Message, StringComparison.Ordinal);
        Assert.Contains("--force", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Force_adds_what_is_missing_and_never_overwrites_a_users_file()
    {
        Scaffolder.Init(_folder.Root, force: false);
        _folder.Write("params.yaml", "mine: true\n");
        File.Delete(_folder.Path("dvc.yaml"));

        var result = Scaffolder.Init(_folder.Root, force: true);

        Assert.Equal("mine: true\n", _folder.Read("params.yaml"));
        Assert.Equal(["dvc.yaml"], result.Created);
        Assert.Contains("params.yaml", result.Kept);
    }

    [Fact]
    public void Init_in_a_folder_with_files_keeps_them()
    {
        _folder.Write("README.md", "my notes");

        var result = Scaffolder.Init(_folder.Root, force: false);

        Assert.Equal("my notes", _folder.Read("README.md"));
        Assert.Contains("README.md", result.Kept);
    }

    [Fact]
    public void Init_on_a_file_is_a_usage_error()
    {
        _folder.Write("file.txt");

        var error = Assert.Throws<CauceException>(() => Scaffolder.Init(_folder.Path("file.txt"), force: false));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
    }
}
