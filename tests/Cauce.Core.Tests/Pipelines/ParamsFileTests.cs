using Cauce.Core.Errors;
using Cauce.Core.Pipelines;

namespace Cauce.Core.Tests.Pipelines;

public sealed class ParamsFileTests : IDisposable
{
    private readonly TempFolder _project = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public void A_missing_file_reads_as_empty()
    {
        var file = ParamsFile.Load(_project.Root);

        Assert.Empty(file.Root.Entries());
        Assert.Null(file.Root.Child("datasets"));
        Assert.Empty(file.Errors.Problems);
        Assert.Equal(Path.Combine(_project.Root, "params.yaml"), file.FullPath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void An_empty_file_reads_as_empty(string text)
    {
        _project.Write("params.yaml", text);

        var file = ParamsFile.Load(_project.Root);

        Assert.Empty(file.Root.Entries());
        Assert.Empty(file.Errors.Problems);
    }

    [Fact]
    public void The_top_level_keys_are_read_with_their_values()
    {
        _project.Write("params.yaml", "seed: 42\ntrain:\n  algo: rf\n");

        var file = ParamsFile.Load(_project.Root);

        Assert.Equal(42, file.Root.Integer("seed"));
        Assert.Equal("rf", file.Root.Child("train")!.String("algo"));
    }

    [Fact]
    public void A_file_that_is_a_list_is_a_config_error()
    {
        _project.Write("params.yaml", "- a\n- b\n");

        var error = Assert.Throws<ConfigException>(() => ParamsFile.Load(_project.Root));

        Assert.Contains("must be a mapping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_is_a_data_file_error_naming_the_line()
    {
        _project.Write("params.yaml", "seed: 42\ndatasets:\n  clientes:\n    date: '20250930\n");

        var error = Assert.Throws<DataFileException>(() => ParamsFile.Load(_project.Root));

        Assert.Equal("params.yaml", error.FilePath);
        Assert.NotNull(error.Line);
        Assert.InRange(error.Line.Value, 4, 5);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void A_tab_indentation_is_a_data_file_error_saying_spaces_not_tabs()
    {
        _project.Write("params.yaml", "seed: 42\ndatasets:\n\tclientes: {}\n");

        var error = Assert.Throws<DataFileException>(() => ParamsFile.Load(_project.Root));

        Assert.Contains("tab", error.Message, StringComparison.Ordinal);
        Assert.Contains("spaces, not tabs", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("datasets:\n  clientes:\n    id: [id_cliente\n    target: abandono\n")]
    [InlineData("seed: 42\nsplit: {test_size: 0.2\nother: 1\n")]
    public void An_unclosed_flow_list_or_mapping_is_a_data_file_error_not_a_crash(string yaml)
    {
        // A forgotten ']' or '}' is a common typo; YamlDotNet reports some of them with an InvalidOperationException.
        _project.Write("params.yaml", yaml);

        var error = Record.Exception(() => ParamsFile.Load(_project.Root));

        var dataError = Assert.IsType<DataFileException>(error);
        Assert.Equal("params.yaml", dataError.FilePath);
        Assert.Contains("not valid YAML", dataError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicated_key_is_a_data_file_error_on_its_line()
    {
        _project.Write("params.yaml", "seed: 42\nseed: 43\n");

        var error = Assert.Throws<DataFileException>(() => ParamsFile.Load(_project.Root));

        Assert.Equal(2, error.Line);
        Assert.Contains("Duplicate key seed", error.Message, StringComparison.Ordinal);
    }
}
