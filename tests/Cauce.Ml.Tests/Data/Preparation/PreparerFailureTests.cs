using System.Text;
using Cauce.Core.Errors;
using Cauce.Ml.Data.Config;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Preparation;
using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Tests.Data.Preparation;

/// <summary>Broken raw files: prepare refuses them with the line, and writes nothing into data/interim or data/processed.</summary>
public sealed class PreparerFailureTests : IDisposable
{
    private const string RawPath = "data/raw/clientes_raw_20250930.csv";
    private static readonly Lazy<string[]> SampleLines = new(() =>
    {
        using var stream = new MemoryStream();
        Cauce.Ml.Data.Samples.SampleData.WriteAsync("clientes", 500, 42, stream).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(stream.ToArray()).TrimEnd('\n').Split('\n');
    });

    private readonly DataProject _project = DataProject.WithRepositoryParams();

    public void Dispose() => _project.Dispose();

    /// <summary>The sample's lines (line 1 is the header), to be broken by a test.</summary>
    private static string[] Lines() => [.. SampleLines.Value];

    private void WriteRaw(IEnumerable<string> lines) => WriteRaw(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));

    private void WriteRaw(byte[] bytes) => _project.WriteBytes(RawPath, bytes);

    /// <summary>Prepares from opening the raw file on, as the command does, expecting a failure; then checks nothing was written.</summary>
    private TException Fails<TException>() where TException : Exception
    {
        var error = Assert.Throws<TException>(() => _project.Prepare("clientes"));
        Assert.Empty(_project.Outputs());
        return error;
    }

    private static string With(string line, string column, string value)
    {
        var header = SampleLines.Value[0].Split(',');
        var fields = line.Split(',');
        fields[Array.IndexOf(header, column)] = value;
        return string.Join(",", fields);
    }

    [Fact]
    public void The_unbroken_sample_prepares()
    {
        WriteRaw(Lines());

        var log = _project.Prepare("clientes");

        Assert.Equal(500, log.Raw.Rows);
        Assert.Equal(2, _project.Outputs().Length);
    }

    [Fact]
    public void A_raw_file_without_the_target_column_writes_nothing()
    {
        WriteRaw(Lines().Select(l => l[..l.LastIndexOf(',')]));

        var error = Fails<DataFileException>();

        Assert.Contains("has no column 'abandono' that params.yaml names for dataset 'clientes'", error.Message, StringComparison.Ordinal);
        Assert.Contains("id_cliente", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_only_file_writes_nothing()
    {
        WriteRaw([Lines()[0]]);

        var error = Fails<DataFileException>();

        Assert.Contains("has a header but no data rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_writes_nothing()
    {
        WriteRaw(Array.Empty<byte>());

        var error = Fails<DataFileException>();

        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_that_flips_to_text_mid_file_writes_nothing_and_names_the_line()
    {
        var lines = Lines();
        lines[299] = With(lines[299], "llamadas_soporte", "muchas");
        WriteRaw(lines);

        var error = Fails<DataFileException>();

        Assert.Equal(300, error.Line);
        Assert.Equal("llamadas_soporte", error.Column);
        Assert.Contains("'muchas'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_breaks_a_declared_type_writes_nothing_and_names_the_line()
    {
        var lines = Lines();
        lines[199] = With(lines[199], "edad", "treinta");
        WriteRaw(lines);

        var error = Fails<DataFileException>();

        Assert.Equal(200, error.Line);
        Assert.Equal("edad", error.Column);
        Assert.Contains("is declared integer but holds 'treinta'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ragged_row_writes_nothing_and_names_the_line()
    {
        var lines = Lines();
        lines[249] += ",extra";
        WriteRaw(lines);

        var error = Fails<DataFileException>();

        Assert.Equal(250, error.Line);
        Assert.Contains("has 18 fields where the header has 17", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_utf8_writes_nothing_and_names_the_line()
    {
        var lines = Lines();
        var bad = Enumerable.Range(399, lines.Length - 399).First(i => lines[i].Any(c => c > 127));
        var bytes = new List<byte>();
        for (var i = 0; i < lines.Length; i++)
            bytes.AddRange((i == bad ? Encoding.Latin1 : Encoding.UTF8).GetBytes(lines[i] + "\n"));
        WriteRaw([.. bytes]);

        var error = Fails<DataFileException>();

        Assert.Equal(bad + 1, error.Line);
        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_formula_on_a_category_writes_nothing_and_names_the_key()
    {
        var yaml = File.ReadAllText(Path.Combine(_project.Root, "params.yaml"))
            .Replace("cliente_nuevo: antiguedad_meses < 6", "cliente_nuevo: region * 2", StringComparison.Ordinal);
        Assert.Contains("region * 2", yaml, StringComparison.Ordinal);
        _project.Folder.Write("params.yaml", yaml);
        WriteRaw(Lines());

        var error = Fails<CauceException>();

        Assert.Contains("datasets.clientes.derive.cliente_nuevo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_prepare_leaves_the_previous_outputs_as_they_were()
    {
        WriteRaw(Lines());
        _project.Prepare("clientes");
        var interim = File.ReadAllBytes(_project.Interim("clientes"));
        var processed = File.ReadAllBytes(_project.Processed("clientes"));
        var lines = Lines();
        lines[100] += ",extra";
        WriteRaw(lines);

        Assert.Throws<DataFileException>(() => _project.Prepare("clientes"));

        Assert.Equal(interim, File.ReadAllBytes(_project.Interim("clientes")));
        Assert.Equal(processed, File.ReadAllBytes(_project.Processed("clientes")));
        Assert.Equal(2, _project.Outputs().Length);
    }

    [Fact]
    public void A_text_sentinel_on_a_declared_integer_is_a_missing_value_as_validate_says()
    {
        using var folder = new TempFolder();
        var raw = folder.Write("x.csv", "id,edad,y\n1,30,Si\n2,desconocido,No\n3,50,No\n4,40,Si\n").Path("x.csv");
        var config = new DatasetConfig
        {
            Name = "x",
            Date = new DateOnly(2025, 9, 30),
            RawPath = "x.csv",
            Target = "y",
            Columns = new Dictionary<string, ColumnConfig> { ["edad"] = new() { Type = ColumnType.Integer, Sentinels = ["desconocido"] } },
            Validate = new ValidationConfig(1, []),
            Split = new SplitConfig(0.2, true, null, 42),
        };
        var targets = new PrepareTargets(folder.Path("i.csv"), "i.csv", folder.Path("p.csv"), "p.csv");

        var log = Preparer.Prepare(CsvInput.Open(raw, "x.csv"), config, targets);

        Assert.Equal(1, Assert.Single(log.Cleaning, c => c.Column == "edad").Sentinels);
        Assert.Equal("id,edad,y\n1,30,true\n2,,false\n3,50,false\n4,40,true\n", folder.Read("i.csv"));
        Assert.Equal("id,edad,y\n1,30,true\n2,40,false\n3,50,false\n4,40,true\n", folder.Read("p.csv"));
    }
}
