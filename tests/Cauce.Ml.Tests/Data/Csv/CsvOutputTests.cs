using System.Text;
using Cauce.Core.IO;
using Cauce.Ml.Data.Csv;

namespace Cauce.Ml.Tests.Data.Csv;

public sealed class CsvOutputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Header_and_rows_are_written_exactly_comma_separated_lf_utf8_without_bom()
    {
        var path = _folder.Path("out/datos.csv");
        using (var output = new CsvOutput(path, ["id", "región", "precio"]))
        {
            output.Field("1");
            output.Field("Málaga");
            output.Field("12.5");
            output.EndRow();
            output.Field("2");
            output.Missing();
            output.Missing();
            output.EndRow();
            Assert.Equal(2, output.Rows);
            output.Commit();
        }

        Assert.Equal(Encoding.UTF8.GetBytes("id,región,precio\n1,Málaga,12.5\n2,,\n"), File.ReadAllBytes(path));
    }

    [Fact]
    public void A_field_is_quoted_only_when_it_holds_a_comma_a_quote_or_a_line_break()
    {
        var path = _folder.Path("quoted.csv");
        using (var output = new CsvOutput(path, ["v"]))
        {
            foreach (var value in new[] { "plain", "with space", "a,b", "dijo \"sí\"", "dos\nlíneas", "cr\rhere", "semi;colon", "'single'" })
            {
                output.Field(value);
                output.EndRow();
            }

            output.Commit();
        }

        var expected = "v\nplain\nwith space\n\"a,b\"\n\"dijo \"\"sí\"\"\"\n\"dos\nlíneas\"\n\"cr\rhere\"\nsemi;colon\n'single'\n";
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void A_header_name_that_needs_quotes_gets_them()
    {
        var path = _folder.Path("header.csv");
        using (var output = new CsvOutput(path, ["a,b", "c"]))
            output.Commit();

        Assert.Equal("\"a,b\",c\n", File.ReadAllText(path));
    }

    [Fact]
    public void What_it_writes_reads_back_the_same_through_CsvInput()
    {
        string[][] rows = [["1", "hola, mundo", ""], ["2", "dijo \"no\"", "x\ny"]];
        var path = _folder.Path("roundtrip.csv");
        using (var output = new CsvOutput(path, ["id", "texto", "nota"]))
        {
            foreach (var row in rows)
            {
                foreach (var field in row)
                    output.Field(field);
                output.EndRow();
            }

            output.Commit();
        }

        Assert.Equal(rows, CsvFiles.Rows(CsvFiles.Open(path)).Select(r => r.Fields));
    }

    [Fact]
    public void Disposed_without_commit_it_leaves_nothing_behind()
    {
        var folder = _folder.Path("data/interim");
        using (var output = new CsvOutput(Path.Combine(folder, "x_interim_20250930.csv"), ["a", "b"]))
        {
            for (var i = 0; i < 50_000; i++)
            {
                output.Field("1");
                output.Field("dos");
                output.EndRow();
            }
        }

        Assert.Empty(CsvFiles.FilesUnder(folder));
    }

    [Fact]
    public void Nothing_appears_under_the_name_before_commit_and_an_old_file_stays_until_then()
    {
        var path = _folder.Path("datos.csv");
        File.WriteAllText(path, "old\n");
        using (var output = new CsvOutput(path, ["new"]))
        {
            output.Field("1");
            output.EndRow();
            Assert.Equal("old\n", File.ReadAllText(path));
            Assert.Contains(Directory.GetFiles(_folder.Root), f => Path.GetFileName(f).StartsWith(AtomicFile.TempPrefix, StringComparison.Ordinal));
        }

        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Equal(["datos.csv"], CsvFiles.FilesUnder(_folder.Root));
    }

    [Fact]
    public void Commit_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        var path = _folder.Path("datos.csv");
        File.WriteAllText(path, "old\n");
        using (var output = new CsvOutput(path, ["new"]))
        {
            output.Field("1");
            output.EndRow();
            output.Commit();
        }

        Assert.Equal("new\n1\n", File.ReadAllText(path));
        Assert.Equal(["datos.csv"], CsvFiles.FilesUnder(_folder.Root));
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_a_programming_error()
    {
        using var output = new CsvOutput(_folder.Path("x.csv"), ["a", "b"]);
        output.Field("1");

        Assert.Throws<InvalidOperationException>(output.EndRow);
    }
}
