using System.Text;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Samples;
using Cauce.Ml.Eda;
using Cauce.Ml.Eda.Profiling;

namespace Cauce.Ml.Tests.Eda;

/// <summary>Files to profile: written into a test's temp folder, or sample data made once and shared.</summary>
internal static class EdaInputs
{
    private static readonly Lazy<(TempFolder Folder, string Path)> LazyClientes = new(() => Sample("clientes", 20_000));
    private static readonly Lazy<(TempFolder Folder, string Path)> LazyVentas = new(() => Sample("ventas", 20_000));
    private static readonly Lazy<ProfileResult> LazyClientesProfile = new(() => Profile(ClientesPath, new EdaOptions { Target = "abandono" }));

    /// <summary>20,000 rows of <c>cauce sample clientes</c>, seed 42, named by the convention.</summary>
    public static string ClientesPath => LazyClientes.Value.Path;

    /// <summary>20,000 rows of <c>cauce sample ventas</c>, seed 42.</summary>
    public static string VentasPath => LazyVentas.Value.Path;

    /// <summary>The clientes sample profiled with target <c>abandono</c>, once for all tests.</summary>
    public static ProfileResult Clientes => LazyClientesProfile.Value;

    public static string Write(TempFolder folder, string name, string text) => WriteBytes(folder, name, Encoding.UTF8.GetBytes(text));

    public static string WriteBytes(TempFolder folder, string name, byte[] bytes)
    {
        var path = folder.Path(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static ProfileResult Profile(string path, EdaOptions? options = null) =>
        Profiler.Run(CsvInput.Open(path, Path.GetFileName(path)), options ?? new EdaOptions());

    private static (TempFolder, string) Sample(string kind, int rows)
    {
        // Shared by the tests of one run; the OS cleans the temp folder.
        var folder = new TempFolder();
        var path = folder.Path($"{kind}_raw_20250930.csv");
        using (var stream = File.Create(path))
            SampleData.WriteAsync(kind, rows, 42, stream).GetAwaiter().GetResult();
        return (folder, path);
    }
}
