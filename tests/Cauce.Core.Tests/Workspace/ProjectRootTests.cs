using Cauce.Core.Errors;
using Cauce.Core.Workspace;

namespace Cauce.Core.Tests.Workspace;

public sealed class ProjectRootTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_root_is_the_nearest_folder_above_with_a_dvc_folder()
    {
        _folder.AsProject().Write("data/raw/x.csv");

        Assert.Equal(_folder.Root, ProjectRoot.Find(_folder.Path("data/raw")));
        Assert.Equal(_folder.Root, ProjectRoot.Find(_folder.Path("data/raw/x.csv")));
    }

    [Fact]
    public void Outside_a_project_the_error_says_so_and_exits_3()
    {
        var error = Assert.Throws<NotAProjectException>(() => ProjectRoot.Find(_folder.Root));

        Assert.Equal(ExitCode.NotAProject, error.ExitCode);
        Assert.Contains("cauce init", error.Hint, StringComparison.Ordinal);
    }
}
