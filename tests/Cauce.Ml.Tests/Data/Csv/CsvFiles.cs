using System.Text;
using Cauce.Ml.Data.Csv;

namespace Cauce.Ml.Tests.Data.Csv;

/// <summary>CSV files written into a test's temp folder, and read back whole.</summary>
internal static class CsvFiles
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 without a BOM, byte for byte (no line-end translation).</summary>
    public static string Write(TempFolder folder, string relative, string text) =>
        WriteBytes(folder, relative, Encoding.UTF8.GetBytes(text));

    public static string WriteBytes(TempFolder folder, string relative, byte[] bytes)
    {
        var path = folder.Path(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Opens a file, naming it in messages by its file name.</summary>
    public static CsvInput Open(string path) => CsvInput.Open(path, Path.GetFileName(path));

    /// <summary>Every data row of <paramref name="input"/> with the line it starts on.</summary>
    public static List<(long Line, string[] Fields)> Rows(CsvInput input)
    {
        var rows = new List<(long, string[])>();
        input.ForEach(row =>
        {
            var fields = new string[row.Count];
            for (var i = 0; i < row.Count; i++)
                fields[i] = row[i].ToString();
            rows.Add((row.Line, fields));
        });
        return rows;
    }

    /// <summary>
    /// Reads a file Cauce wrote without going through <see cref="CsvInput"/>: LF lines split at commas. Only for
    /// files whose values hold no comma or quote (the sample data and the real datasets here), which it checks.
    /// </summary>
    public static (string[] Header, List<string[]> Rows) ReadPlain(string path)
    {
        var text = File.ReadAllText(path, new UTF8Encoding(false, true));
        Assert.DoesNotContain("\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text[..^1].Split('\n');
        var header = lines[0].Split(',');
        var rows = lines[1..].Select(l => l.Split(',')).ToList();
        foreach (var row in rows)
            Assert.Equal(header.Length, row.Length);
        return (header, rows);
    }

    /// <summary>The files under <paramref name="folder"/>, hidden temporary ones included; none when it does not exist.</summary>
    public static string[] FilesUnder(string folder) =>
        Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>()] : [];
}
