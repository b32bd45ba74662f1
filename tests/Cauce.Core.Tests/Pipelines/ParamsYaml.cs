using Cauce.Core.Pipelines;

namespace Cauce.Core.Tests.Pipelines;

/// <summary>A params.yaml written into a temp project and loaded, for the tests of its nodes.</summary>
internal sealed class ParamsYaml : IDisposable
{
    private readonly TempFolder _folder = new();

    public ParamsYaml(string yaml)
    {
        Yaml = yaml;
        _folder.Write(ParamsFile.FileName, yaml);
        File = ParamsFile.Load(_folder.Root);
    }

    public string Yaml { get; }

    public ParamsFile File { get; }

    public ConfigNode Root => File.Root;

    public IReadOnlyList<ConfigProblem> Problems => File.Errors.Problems;

    /// <summary>The 1-based line and column where <paramref name="needle"/> first occurs.</summary>
    public (long Line, long Column) Position(string needle)
    {
        var index = Yaml.IndexOf(needle, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{needle}' is not in the YAML");
        var before = Yaml[..index];
        return (before.Count(c => c == '\n') + 1, index - (before.LastIndexOf('\n') + 1) + 1);
    }

    /// <summary>The one problem recorded, checked to be at <paramref name="needle"/> under <paramref name="key"/>.</summary>
    public ConfigProblem SingleProblemAt(string needle, string key)
    {
        var problem = Assert.Single(Problems);
        var (line, column) = Position(needle);
        Assert.Equal((ParamsFile.FileName, line, column, key), (problem.File, problem.Line, problem.Column, problem.Key));
        return problem;
    }

    public void Dispose() => _folder.Dispose();
}
