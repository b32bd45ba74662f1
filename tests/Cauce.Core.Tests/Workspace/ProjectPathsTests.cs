using Cauce.Core.Workspace;

namespace Cauce.Core.Tests.Workspace;

public sealed class ProjectPathsTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("data/raw/clientes_raw_20250930.csv")]
    [InlineData("params.yaml")]
    [InlineData("a/b/c/d/e.csv")]
    [InlineData("./data/raw/x.csv")]
    [InlineData("data//raw/x.csv")]
    public void A_relative_path_inside_the_project_resolves_under_the_root(string relative)
    {
        var resolved = ProjectPaths.TryResolve(_root.Root, relative);

        Assert.Equal(Path.GetFullPath(Path.Combine(_root.Root, relative)), resolved);
        Assert.StartsWith(_root.Root + Path.DirectorySeparatorChar, resolved, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dot_dot_that_stays_inside_the_project_is_accepted_and_normalised() =>
        Assert.Equal(Path.Combine(_root.Root, "data", "x.csv"), ProjectPaths.TryResolve(_root.Root, "data/raw/../x.csv"));

    [Fact]
    public void A_root_given_with_a_trailing_separator_resolves_the_same() =>
        Assert.Equal(Path.Combine(_root.Root, "data", "x.csv"), ProjectPaths.TryResolve(_root.Root + Path.DirectorySeparatorChar, "data/x.csv"));

    [Fact]
    public void A_path_that_does_not_exist_yet_still_resolves() =>
        Assert.NotNull(ProjectPaths.TryResolve(_root.Root, "models/rf_clientes_v9.zip"));

    [Theory]
    [InlineData("..")]
    [InlineData("../outside.csv")]
    [InlineData("data/../../outside.csv")]
    [InlineData("data/raw/../../../etc/passwd")]
    public void A_path_that_climbs_out_with_dot_dot_is_refused(string relative) =>
        Assert.Null(ProjectPaths.TryResolve(_root.Root, relative));

    [Fact]
    public void A_sibling_folder_whose_name_starts_like_the_root_is_outside()
    {
        var sibling = "../" + Path.GetFileName(_root.Root) + "-other/x.csv";

        Assert.Null(ProjectPaths.TryResolve(_root.Root, sibling));
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/")]
    public void An_absolute_path_is_refused(string path) =>
        Assert.Null(ProjectPaths.TryResolve(_root.Root, path));

    [Fact]
    public void An_absolute_path_into_the_project_itself_is_refused_too() =>
        Assert.Null(ProjectPaths.TryResolve(_root.Root, Path.Combine(_root.Root, "data", "x.csv")));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData("data/x\0.csv")]
    public void An_empty_blank_or_nul_path_is_refused(string path) =>
        Assert.Null(ProjectPaths.TryResolve(_root.Root, path));

    [Theory]
    [InlineData(".")]
    [InlineData("data/..")]
    public void The_root_itself_is_not_a_path_inside_the_project(string path) =>
        Assert.Null(ProjectPaths.TryResolve(_root.Root, path));
}
