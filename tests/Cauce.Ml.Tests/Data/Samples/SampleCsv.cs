using System.Text;
using Cauce.Ml.Data.Samples;

namespace Cauce.Ml.Tests.Data.Samples;

/// <summary>Sample files made in memory and split into rows and fields for the tests.</summary>
internal sealed class SampleCsv
{
    /// <summary>Rows enough for every kind of dirt to show up many times over, still generated in milliseconds.</summary>
    public const int DirtRows = 20_000;

    private static readonly Lazy<SampleCsv> LazyClientes = new(() => Parse(Bytes("clientes", DirtRows, 42)));
    private static readonly Lazy<SampleCsv> LazyVentas = new(() => Parse(Bytes("ventas", DirtRows, 42)));

    private SampleCsv(string[] header, IReadOnlyList<string> lines)
    {
        Header = header;
        Lines = lines;
        Rows = [.. lines.Select(l => l.Split(','))];
    }

    /// <summary>20,000 rows of clientes, seed 42.</summary>
    public static SampleCsv Clientes => LazyClientes.Value;

    /// <summary>20,000 rows of ventas, seed 42.</summary>
    public static SampleCsv Ventas => LazyVentas.Value;

    public string[] Header { get; }

    /// <summary>The data lines, without their line feeds.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The data lines split at commas (sample files never quote).</summary>
    public IReadOnlyList<string[]> Rows { get; }

    public int Column(string name)
    {
        var index = Array.IndexOf(Header, name);
        Assert.True(index >= 0, $"no column '{name}' in {string.Join(",", Header)}");
        return index;
    }

    public IEnumerable<string> Values(string column)
    {
        var index = Column(column);
        return Rows.Select(r => r[index]);
    }

    public static byte[] Bytes(string kind, long rows, ulong seed)
    {
        using var stream = new MemoryStream();
        SampleData.WriteAsync(kind, rows, seed, stream).GetAwaiter().GetResult();
        return stream.ToArray();
    }

    public static SampleCsv Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text[..^1].Split('\n');
        return new SampleCsv(lines[0].Split(','), lines[1..]);
    }
}
