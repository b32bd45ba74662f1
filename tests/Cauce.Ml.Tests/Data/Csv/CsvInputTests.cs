using System.Text;
using Cauce.Core.Errors;
using Cauce.Ml.Data.Csv;

namespace Cauce.Ml.Tests.Data.Csv;

public sealed class CsvInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private CsvInput Open(string text) => CsvFiles.Open(CsvFiles.Write(_folder, "data.csv", text));

    private CsvInput OpenBytes(byte[] bytes) => CsvFiles.Open(CsvFiles.WriteBytes(_folder, "data.csv", bytes));

    /// <summary>Opens and reads every row: where a broken file is caught (header or rows) is the reader's business.</summary>
    private DataFileException ReadFails(byte[] bytes) =>
        Assert.Throws<DataFileException>(() => CsvFiles.Rows(OpenBytes(bytes)));

    [Fact]
    public void Quoted_fields_keep_their_commas_quotes_and_line_breaks()
    {
        var input = Open("id,texto,n\n1,\"hola, mundo\",2\n2,\"línea uno\nlínea dos\",3\n3,\"dijo \"\"sí\"\"\",4\n");

        var rows = CsvFiles.Rows(input);

        Assert.Equal(["id", "texto", "n"], input.Columns);
        Assert.Equal(',', input.Separator);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "hola, mundo", "2"], rows[0].Fields);
        Assert.Equal(["2", "línea uno\nlínea dos", "3"], rows[1].Fields);
        Assert.Equal(["3", "dijo \"sí\"", "4"], rows[2].Fields);
        // The line is where the row starts, as an editor shows it: the quoted break pushes the third row to line 5.
        Assert.Equal([2L, 3L, 5L], rows.Select(r => r.Line));
    }

    [Fact]
    public void Crlf_line_ends_and_a_utf8_byte_order_mark_are_read_away()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("región,n\r\nNorte,1\r\nSur,2\r\n")).ToArray();

        var input = OpenBytes(bytes);
        var rows = CsvFiles.Rows(input);

        Assert.Equal(["región", "n"], input.Columns);
        Assert.Equal(0, input.IndexOf("región"));
        Assert.Equal([["Norte", "1"], ["Sur", "2"]], rows.Select(r => r.Fields));
        Assert.Equal([2L, 3L], rows.Select(r => r.Line));
    }

    [Fact]
    public void A_semicolon_separator_is_detected_and_commas_stay_inside_values()
    {
        var input = Open("precio;región;cantidad\n12,5;Norte;3\n7,25;Sur;1\n");

        var rows = CsvFiles.Rows(input);

        Assert.Equal(';', input.Separator);
        Assert.Equal(["precio", "región", "cantidad"], input.Columns);
        Assert.Equal(["12,5", "Norte", "3"], rows[0].Fields);
        Assert.Equal(["7,25", "Sur", "1"], rows[1].Fields);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_later_rows_keep_their_true_line_numbers()
    {
        var input = Open("a,b\n1,2\n\n3,4\n\r\n   \n5,6\n\n");

        var rows = CsvFiles.Rows(input);

        Assert.Equal([["1", "2"], ["3", "4"], ["5", "6"]], rows.Select(r => r.Fields));
        Assert.Equal([2L, 4L, 7L], rows.Select(r => r.Line));
    }

    [Fact]
    public void Blank_lines_are_skipped_in_a_single_column_file_too()
    {
        // pandas skips them whatever the column count; a blank line is not a row with one missing value.
        var input = Open("codigo\nA1\n\nB2\n\n");

        var rows = CsvFiles.Rows(input);

        Assert.Equal([["A1"], ["B2"]], rows.Select(r => r.Fields));
    }

    [Fact]
    public void ForEach_returns_the_number_of_data_rows()
    {
        var input = Open("a,b\n1,2\n3,4\n\n5,6\n");

        Assert.Equal(3, input.ForEach(_ => { }));
    }

    [Fact]
    public void A_ragged_row_names_its_line_and_both_field_counts()
    {
        var input = Open("a,b,c\n1,2,3\n4,\"x\ny\",6\n7,8\n9,10,11\n");

        var error = Assert.Throws<DataFileException>(() => input.ForEach(_ => { }));

        Assert.Equal(5, error.Line);
        Assert.Contains("has 2 fields where the header has 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("data.csv, line 5", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void A_row_with_too_many_fields_is_ragged_too()
    {
        var input = Open("a,b\n1,2\n3,4,5\n");

        var error = Assert.Throws<DataFileException>(() => input.ForEach(_ => { }));

        Assert.Equal(3, error.Line);
        Assert.Contains("has 3 fields where the header has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_is_an_error_naming_its_line_not_a_field_that_swallows_the_rest_of_the_file()
    {
        var input = Open("a,b\n1,x\n2,\"y\n3,z\n4,w\n5,v\n");

        var error = Record.Exception(() => CsvFiles.Rows(input));

        var dataError = Assert.IsType<DataFileException>(error);
        Assert.Equal(3, dataError.Line);
        Assert.Contains("quote", dataError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_inside_unquoted_fields_never_merge_two_lines_into_one_row()
    {
        // Inch marks in product names: read literally (as pandas does) or refused at the line, but never two rows made one.
        var input = Open("id,producto,n\n1,Monitor 24\",3\n2,Teclado 15\",4\n3,Raton,5\n");

        List<(long Line, string[] Fields)>? rows = null;
        var error = Record.Exception(() => rows = CsvFiles.Rows(input));

        if (error is null)
        {
            Assert.Equal([["1", "Monitor 24\"", "3"], ["2", "Teclado 15\"", "4"], ["3", "Raton", "5"]], rows!.Select(r => r.Fields));
        }
        else
        {
            Assert.Equal(2, Assert.IsType<DataFileException>(error).Line);
        }
    }

    [Fact]
    public void A_utf16_file_is_refused_as_not_utf8_rather_than_as_binary()
    {
        // Excel's "Unicode text" export: UTF-16 with a byte-order mark. The NUL bytes are text, not binary data.
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("a\tb\r\n1\t2\r\n")];

        var error = Assert.Throws<DataFileException>(() => OpenBytes(bytes));

        Assert.Contains("UTF-16", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Old_mac_cr_line_ends_are_read()
    {
        var rows = CsvFiles.Rows(Open("a,b\r1,2\r3,4\r"));

        Assert.Equal([["1", "2"], ["3", "4"]], rows.Select(r => r.Fields));
    }

    [Theory]
    [InlineData("a\tb\n1\t2\n", '\t')]
    [InlineData("a|b\n1|2\n", '|')]
    public void Tab_and_pipe_separators_are_detected(string text, char separator)
    {
        var input = Open(text);

        Assert.Equal(separator, input.Separator);
        Assert.Equal([["1", "2"]], CsvFiles.Rows(input).Select(r => r.Fields));
    }

    [Fact]
    public void An_empty_file_is_refused_with_what_it_needs()
    {
        var error = Assert.Throws<DataFileException>(() => OpenBytes([]));

        Assert.Contains("data.csv: is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_refused_by_name()
    {
        var error = Assert.Throws<DataFileException>(() => CsvInput.Open(_folder.Path("nope.csv"), "data/raw/nope.csv"));

        Assert.Contains("data/raw/nope.csv: does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_is_refused()
    {
        Directory.CreateDirectory(_folder.Path("carpeta.csv"));

        var error = Assert.Throws<DataFileException>(() => CsvInput.Open(_folder.Path("carpeta.csv"), "carpeta.csv"));

        Assert.Contains("is a folder", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,nombre,edad\n")]
    [InlineData("id,nombre,edad")]
    [InlineData("id,nombre,edad\r\n")]
    public void A_header_only_file_opens_and_has_no_rows(string text)
    {
        var input = Open(text);

        Assert.Equal(["id", "nombre", "edad"], input.Columns);
        Assert.Equal(0, input.ForEach(_ => Assert.Fail("no row expected")));
    }

    [Fact]
    public void A_latin1_file_is_refused_naming_the_line_of_the_first_bad_byte()
    {
        var bytes = Encoding.Latin1.GetBytes("id,ciudad\n1,Madrid\n2,Bogotá\n3,Medellín\n");

        var error = ReadFails(bytes);

        Assert.Equal(3, error.Line);
        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Contains("byte 8 of the line (0xE1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("iconv", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_latin1_byte_far_into_a_large_file_is_found_on_its_line()
    {
        var text = new StringBuilder("id,texto\n");
        for (var i = 1; i <= 6_000; i++)
            text.Append(i).Append(",valor número ").Append(i).Append('\n');
        var good = Encoding.UTF8.GetBytes(text.ToString());
        var bad = Encoding.Latin1.GetBytes("6001,canción\n");

        var error = ReadFails([.. good, .. bad]);

        Assert.Equal(6_002, error.Line);
        Assert.Contains("byte 11 of the line (0xF3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_latin1_header_is_refused_on_line_1()
    {
        var error = ReadFails(Encoding.Latin1.GetBytes("año,n\n2025,1\n"));

        Assert.Equal(1, error.Line);
        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_file_is_refused_as_not_csv_text()
    {
        var bytes = new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, (byte)'\n', 1, 2, 3 };

        var error = Assert.Throws<DataFileException>(() => OpenBytes(bytes));

        Assert.Contains("binary data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nul_byte_inside_otherwise_textual_data_is_binary()
    {
        var error = Assert.Throws<DataFileException>(() => OpenBytes(Encoding.UTF8.GetBytes("a,b\n1,x\0y\n")));

        Assert.Contains("binary data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_xlsx_file_is_recognised_as_a_zip_archive_with_how_to_export_it()
    {
        byte[] bytes = [.. "PK\x03\x04"u8, 0x14, 0, 6, 0, .. "[Content_Types].xml"u8];

        var error = Assert.Throws<DataFileException>(() => OpenBytes(bytes));

        Assert.Contains("zip archive", error.Message, StringComparison.Ordinal);
        Assert.Contains("xlsx", error.Message, StringComparison.Ordinal);
        Assert.Contains("CSV", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_column_name_is_refused_on_line_1_naming_it()
    {
        var error = Assert.Throws<DataFileException>(() => Open("id,edad,region,edad\n1,30,Norte,31\n"));

        Assert.Equal(1, error.Line);
        Assert.Contains("repeats a column name", error.Message, StringComparison.Ordinal);
        Assert.Contains("edad", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,,edad\n1,2,3\n", 2)]
    [InlineData("id,edad,   \n1,2,3\n", 3)]
    public void A_blank_column_name_is_refused_naming_its_position(string text, int position)
    {
        var error = Assert.Throws<DataFileException>(() => Open(text));

        Assert.Equal(1, error.Line);
        Assert.Contains($"column {position} of the header has no name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_first_line_is_refused_as_a_blank_header()
    {
        var error = Assert.Throws<DataFileException>(() => Open("\n1,2\n"));

        Assert.Equal(1, error.Line);
        Assert.Contains("header line is blank", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireColumn_gives_the_index_or_lists_the_columns_there_are()
    {
        var input = Open("id_cliente,edad,abandono\n1,30,No\n");

        Assert.Equal(2, input.RequireColumn("abandono", "target"));
        var error = Assert.Throws<DataFileException>(() => input.RequireColumn("churn", "target"));

        Assert.Contains("has no target column 'churn'", error.Message, StringComparison.Ordinal);
        Assert.Equal("its columns are: id_cliente, edad, abandono", error.Hint);
        Assert.Equal(-1, input.IndexOf("Edad"));
    }

    [Fact]
    public void Fields_are_given_untrimmed_and_the_length_is_the_file_size()
    {
        var input = Open("a,b\n  x , y\n");

        var rows = CsvFiles.Rows(input);

        Assert.Equal(["  x ", " y"], rows[0].Fields);
        Assert.Equal(new FileInfo(input.FullPath).Length, input.Length);
        Assert.Equal("data.csv", input.DisplayPath);
    }
}
