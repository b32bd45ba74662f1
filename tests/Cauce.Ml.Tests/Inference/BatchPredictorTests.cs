using System.Globalization;
using Cauce.Core.Errors;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Inference;
using Cauce.Ml.Modeling;
using Cauce.Ml.Tests.Data.Csv;
using Cauce.Ml.Tests.Modeling.Training;

namespace Cauce.Ml.Tests.Inference;

/// <summary>
/// <c>cauce predict</c>'s library side on real sample files: what the output holds and means, and that every bad
/// input is refused naming its file, line and column, with no output file left (nor an old one touched).
/// </summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class BatchPredictorTests(TrainedSamples samples) : IDisposable
{
    private const string InputName = "in/nuevos.csv";
    private const string OutputName = "out/predicciones.csv";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private CsvTable TestSplit(string dataset) => CsvTable.Read(samples.Data.Folder.Path(TrainedSamples.TestPath(samples.Config(dataset))));

    private TrainedModel Model(string dataset, string algo, string? target = null) => samples.Trained(dataset, algo, target).Model;

    private PredictSummary Predict(CsvTable input, TrainedModel model, IReadOnlyList<string>? ids = null, bool allowExtra = false, bool allowUnseen = false)
    {
        var file = CsvInput.Open(input.Write(_folder.Path(InputName)), InputName);
        var card = Scoring.CardFor(model, "lr", "clientes");
        return BatchPredictor.Predict(new PredictRequest(card, model, file, _folder.Path(OutputName), ids ?? [], allowExtra, allowUnseen));
    }

    private (string[] Header, List<string[]> Rows) Output() => CsvFiles.ReadPlain(_folder.Path(OutputName));

    /// <summary>Scoring <paramref name="input"/> fails with a <typeparamref name="T"/>, leaving nothing in the output folder.</summary>
    private T Refused<T>(CsvTable input, TrainedModel model, IReadOnlyList<string>? ids = null, bool allowExtra = false)
        where T : Exception
    {
        var error = Assert.Throws<T>(() => Predict(input, model, ids, allowExtra));
        Assert.False(File.Exists(_folder.Path(OutputName)), "a refused input left an output file");
        Assert.Empty(CsvFiles.FilesUnder(_folder.Path("out")));
        return error;
    }

    private static float Float(string text) => float.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Without_ids_the_output_numbers_the_rows_and_copies_the_target()
    {
        var input = TestSplit(TrainedSamples.Clientes);

        var summary = Predict(input, Model(TrainedSamples.Clientes, "lr"));

        var (header, rows) = Output();
        Assert.Equal(["row", "abandono", "prediction", "probability"], header);
        Assert.Equal(["row", "abandono", "prediction", "probability"], summary.Columns);
        Assert.Equal(input.Rows.Count, summary.Rows);
        Assert.Equal(Enumerable.Range(1, input.Rows.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
        Assert.Equal(input.Rows.Select(r => r[input.IndexOf("abandono")]), rows.Select(r => r[1]));
    }

    [Fact]
    public void Given_id_columns_are_copied_in_order_instead_of_row_numbers()
    {
        var input = TestSplit(TrainedSamples.Clientes)
            .With("id_cliente", i => $"C{i:00000}")
            .With("lote", i => (i % 3).ToString(CultureInfo.InvariantCulture));

        Predict(input, Model(TrainedSamples.Clientes, "lr"), ids: ["lote", "id_cliente"]);

        var (header, rows) = Output();
        Assert.Equal(["lote", "id_cliente", "abandono", "prediction", "probability"], header);
        Assert.Equal(input.Rows.Select(r => r[input.IndexOf("id_cliente")]), rows.Select(r => r[1]));
        Assert.Equal(input.Rows.Select(r => r[input.IndexOf("lote")]), rows.Select(r => r[0]));
    }

    [Fact]
    public void Without_the_target_in_the_input_the_output_has_only_the_row_and_the_prediction()
    {
        Predict(TestSplit(TrainedSamples.Clientes).Without("abandono"), Model(TrainedSamples.Clientes, "lr"));

        Assert.Equal(["row", "prediction", "probability"], Output().Header);
    }

    [Fact]
    public void A_binary_prediction_is_the_positive_label_exactly_when_its_probability_is_over_one_half()
    {
        var model = Model(TrainedSamples.Clientes, "lr");
        var expected = samples.ScoreTest(model, TrainedSamples.Clientes);

        Predict(TestSplit(TrainedSamples.Clientes), model);

        var rows = Output().Rows;
        Assert.Equal(expected.Rows, rows.Count);
        Assert.All(rows, r => Assert.Equal(Float(r[3]) > 0.5f ? model.Schema.PositiveLabel : "false", r[2]));
        Assert.Equal(["false", "true"], rows.Select(r => r[2]).Distinct().Order(StringComparer.Ordinal));
        for (var i = 0; i < rows.Count; i++)
            Assert.Equal((float)expected.Values[i], Float(rows[i][3]));
    }

    [Fact]
    public void A_multiclass_prediction_is_the_most_probable_class_with_that_class_probability()
    {
        var model = Model(TrainedSamples.Clientes, "lr", TrainedSamples.MulticlassTarget);
        var expected = samples.ScoreTest(model, TrainedSamples.Clientes);

        Predict(TestSplit(TrainedSamples.Clientes), model);

        var (header, rows) = Output();
        Assert.Equal(["row", "tipo_contrato", "prediction", "probability"], header);
        for (var i = 0; i < rows.Count; i++)
        {
            var classes = expected.Values.AsSpan(i * 3, 3).ToArray();
            var best = Array.IndexOf(classes, classes.Max());
            Assert.Equal(model.Schema.Labels[best], rows[i][2]);
            Assert.Equal((float)classes[best], Float(rows[i][3]));
        }

        Assert.Equal(3, rows.Select(r => r[2]).Distinct().Count());
    }

    [Fact]
    public void A_regression_output_has_the_predicted_value_and_no_probability()
    {
        var model = Model(TrainedSamples.Ventas, "rf");
        var expected = samples.ScoreTest(model, TrainedSamples.Ventas);

        Predict(TestSplit(TrainedSamples.Ventas), model);

        var (header, rows) = Output();
        Assert.Equal(["row", "unidades_vendidas", "prediction"], header);
        Assert.Equal(expected.Values.Select(v => (float)v), rows.Select(r => Float(r[2])));
    }

    [Fact]
    public void A_semicolon_separated_file_with_a_bom_crlf_and_quotes_scores_as_the_plain_one()
    {
        var model = Model(TrainedSamples.Clientes, "lr");
        var input = TestSplit(TrainedSamples.Clientes).Take(200);
        Predict(input, model);
        var plain = _folder.Read(OutputName);
        var lines = File.ReadAllLines(input.Write(_folder.Path("in/plain.csv")));
        var region = input.IndexOf("region");
        var excel = lines.Select(l => string.Join(';', l.Split(',').Select((v, i) => i == region ? $"\"{v}\"" : v)));
        var path = _folder.Path("in/excel.csv");
        File.WriteAllText(path, "\uFEFF" + string.Join("\r\n", excel) + "\r\n", new System.Text.UTF8Encoding(false));
        var card = Scoring.CardFor(model, "lr", "clientes");

        BatchPredictor.Predict(new PredictRequest(card, model, CsvInput.Open(path, "in/excel.csv"), _folder.Path(OutputName), []));

        Assert.Equal(plain, _folder.Read(OutputName));
    }

    [Fact]
    public void Missing_values_are_scored_as_evaluation_scores_them()
    {
        var model = Model(TrainedSamples.Clientes, "rf");
        var input = TestSplit(TrainedSamples.Clientes)
            .WithCell(0, "edad", "")
            .WithCell(1, "cargo_mensual", "")
            .WithCell(2, "region", "")
            .WithCell(3, "metodo_pago", "")
            .WithCell(4, "edad", " ");

        Predict(input, model);

        var expected = model.Score(model.Read(CsvInput.Open(_folder.Path(InputName), InputName), withTarget: false));
        Assert.Equal(expected.Values.Select(v => (float)v), Output().Rows.Select(r => Float(r[3])));
    }

    [Fact]
    public void A_missing_boolean_is_scored_as_training_and_evaluation_read_it()
    {
        var model = Model(TrainedSamples.Clientes, "lr");
        var input = TestSplit(TrainedSamples.Clientes).WithCell(3, "es_mayor", "").WithCell(4, "factura_electronica", "");

        Predict(input, model);

        var expected = model.Score(model.Read(CsvInput.Open(_folder.Path(InputName), InputName), withTarget: false));
        Assert.Equal(expected.Values.Select(v => (float)v), Output().Rows.Select(r => Float(r[3])));
    }

    [Fact]
    public void A_string_in_a_numeric_column_is_refused_naming_its_line_and_column()
    {
        var error = Refused<DataFileException>(TestSplit(TrainedSamples.Clientes).WithCell(9, "edad", "treinta"), Model(TrainedSamples.Clientes, "lr"));

        Assert.Equal(CsvTable.LineOf(9), error.Line);
        Assert.Equal("edad", error.Column);
        Assert.Equal($"{InputName}, line 11, column 'edad': expected a number, got 'treinta'", error.Message);
        Assert.Contains("models/lr_clientes_v1.json", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_category_never_seen_in_training_is_refused_naming_its_line_and_column()
    {
        var error = Refused<DataFileException>(TestSplit(TrainedSamples.Clientes).WithCell(2, "region", "Marte"), Model(TrainedSamples.Clientes, "lr"));

        Assert.Equal(CsvTable.LineOf(2), error.Line);
        Assert.Equal("region", error.Column);
        Assert.StartsWith($"{InputName}, line 4, column 'region': 'Marte' is a category the model never saw in training", error.Message, StringComparison.Ordinal);
        Assert.Contains("Centro, Este, Norte, Oeste, Sur", error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-unseen", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowing_unseen_categories_scores_one_as_none_of_the_known_labels()
    {
        var model = Model(TrainedSamples.Clientes, "rf");
        var input = TestSplit(TrainedSamples.Clientes).Pick(2, 2).WithCell(0, "region", "Marte").WithCell(1, "region", "");

        var summary = Predict(input, model, allowUnseen: true);

        // The two rows differ only in region: an unseen label in one, a missing one in the other. Both are "none of them".
        var rows = Output().Rows;
        Assert.Equal(2, summary.Rows);
        Assert.Equal(rows[1][2..], rows[0][2..]);
    }

    [Fact]
    public void A_boolean_column_holding_garbage_is_refused_naming_its_line_and_column()
    {
        var error = Refused<DataFileException>(TestSplit(TrainedSamples.Clientes).WithCell(0, "es_mayor", "quizas"), Model(TrainedSamples.Clientes, "lr"));

        Assert.Equal($"{InputName}, line 2, column 'es_mayor': expected true or false, got 'quizas'", error.Message);
    }

    [Fact]
    public void Spellings_of_a_boolean_that_training_accepts_are_scored()
    {
        var input = TestSplit(TrainedSamples.Clientes).WithCell(0, "es_mayor", "Sí").WithCell(1, "es_mayor", "no").WithCell(2, "cliente_nuevo", "true");

        Assert.Equal(input.Rows.Count, Predict(input, Model(TrainedSamples.Clientes, "lr")).Rows);
    }

    [Fact]
    public void A_missing_feature_column_is_refused_naming_it_before_any_row_is_read()
    {
        var error = Refused<DataFileException>(TestSplit(TrainedSamples.Clientes).Without("antiguedad_meses"), Model(TrainedSamples.Clientes, "lr"));

        Assert.Null(error.Line);
        Assert.StartsWith($"{InputName}: lacks the column 'antiguedad_meses' the model lr_clientes_v1 reads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_extra_column_is_refused_naming_it()
    {
        var error = Refused<DataFileException>(TestSplit(TrainedSamples.Clientes).With("color_favorito", _ => "azul"), Model(TrainedSamples.Clientes, "lr"));

        Assert.Contains("'color_favorito'", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(InputName, error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-extra", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowing_extra_columns_ignores_them_and_leaves_them_out_of_the_output()
    {
        var input = TestSplit(TrainedSamples.Clientes).With("color_favorito", _ => "azul");

        Predict(input, Model(TrainedSamples.Clientes, "lr"), allowExtra: true);

        Assert.Equal(["row", "abandono", "prediction", "probability"], Output().Header);
    }

    [Fact]
    public void A_file_with_a_header_and_no_rows_is_refused()
    {
        var error = Refused<DataFileException>(TestSplit(TrainedSamples.Clientes).Take(0), Model(TrainedSamples.Clientes, "lr"));

        Assert.Equal($"{InputName}: has a header but no data rows", error.Message);
    }

    [Fact]
    public void An_id_column_the_file_lacks_is_a_usage_error()
    {
        var error = Refused<CauceException>(TestSplit(TrainedSamples.Clientes), Model(TrainedSamples.Clientes, "lr"), ids: ["id_cliente"]);

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Contains("'id_cliente'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_column_named_like_an_output_column_is_a_usage_error()
    {
        var input = TestSplit(TrainedSamples.Clientes).With("prediction", i => i.ToString(CultureInfo.InvariantCulture));

        var error = Refused<CauceException>(input, Model(TrainedSamples.Clientes, "lr"), ids: ["prediction"]);

        Assert.Equal(ExitCode.Usage, error.ExitCode);
    }

    [Fact]
    public void A_row_with_too_few_fields_is_refused_naming_its_line()
    {
        var input = TestSplit(TrainedSamples.Clientes);
        var path = input.Write(_folder.Path(InputName));
        var lines = File.ReadAllLines(path);
        lines[5] = lines[5][..lines[5].LastIndexOf(',')];
        File.WriteAllLines(path, lines);
        var card = Scoring.CardFor(Model(TrainedSamples.Clientes, "lr"), "lr", "clientes");

        var error = Assert.Throws<DataFileException>(() => BatchPredictor.Predict(
            new PredictRequest(card, Model(TrainedSamples.Clientes, "lr"), CsvInput.Open(path, InputName), _folder.Path(OutputName), [])));

        Assert.Equal(6, error.Line);
        Assert.Empty(CsvFiles.FilesUnder(_folder.Path("out")));
    }

    [Fact]
    public void A_bad_value_after_whole_batches_were_scored_and_written_still_leaves_no_file()
    {
        var input = TestSplit(TrainedSamples.Clientes).Repeated(10_000).WithCell(9_500, "cargo_total", "mucho");

        var error = Refused<DataFileException>(input, Model(TrainedSamples.Clientes, "lr"));

        Assert.Equal(CsvTable.LineOf(9_500), error.Line);
        Assert.Equal("cargo_total", error.Column);
    }

    [Fact]
    public void An_existing_output_file_is_left_untouched_when_scoring_fails()
    {
        const string Previous = "row,abandono,prediction,probability\n1,false,false,0.1\n";
        _folder.Write(OutputName, Previous);
        var before = File.GetLastWriteTimeUtc(_folder.Path(OutputName));

        Assert.Throws<DataFileException>(() => Predict(TestSplit(TrainedSamples.Clientes).Repeated(5_000).WithCell(4_999, "edad", "x"), Model(TrainedSamples.Clientes, "lr")));

        Assert.Equal(Previous, _folder.Read(OutputName));
        Assert.Equal(before, File.GetLastWriteTimeUtc(_folder.Path(OutputName)));
        Assert.Equal(["predicciones.csv"], CsvFiles.FilesUnder(_folder.Path("out")));
    }

    [Fact]
    public void An_existing_output_file_is_replaced_whole_when_scoring_succeeds()
    {
        _folder.Write(OutputName, "stale,content\n" + string.Concat(Enumerable.Repeat("x,y\n", 50_000)));
        var input = TestSplit(TrainedSamples.Clientes).Take(10);

        Predict(input, Model(TrainedSamples.Clientes, "lr"));

        Assert.Equal(10, Output().Rows.Count);
        Assert.Equal(["predicciones.csv"], CsvFiles.FilesUnder(_folder.Path("out")));
    }
}
