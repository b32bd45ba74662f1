using Cauce.Ml.Data.Csv;
using Cauce.Ml.Inference;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Features;
using Cauce.Ml.Tests.Data.Csv;

namespace Cauce.Ml.Tests.Inference;

/// <summary>
/// A CSV file held in memory so a test can make it wrong in exactly one known place (a cell, a column) and write
/// it back. Only for files whose values hold no comma or quote: the sample data, which <see cref="CsvFiles.ReadPlain"/> checks.
/// </summary>
internal sealed class CsvTable
{
    private CsvTable(IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static CsvTable Read(string path)
    {
        var (header, rows) = CsvFiles.ReadPlain(path);
        return new CsvTable(header, rows);
    }

    /// <summary>The line an editor shows data row <paramref name="row"/> (0-based) on: the header is line 1.</summary>
    public static long LineOf(int row) => row + 2;

    public int IndexOf(string column)
    {
        var index = Columns.ToList().IndexOf(column);
        return index >= 0 ? index : throw new ArgumentException($"no column '{column}' in {string.Join(", ", Columns)}");
    }

    public string Cell(int row, string column) => Rows[row][IndexOf(column)];

    /// <summary>A copy with one cell changed.</summary>
    public CsvTable WithCell(int row, string column, string value)
    {
        var rows = Rows.Select(r => (string[])r.Clone()).ToList();
        rows[row][IndexOf(column)] = value;
        return new CsvTable(Columns, rows);
    }

    public CsvTable Without(string column)
    {
        var index = IndexOf(column);
        return new CsvTable([.. Columns.Where((_, i) => i != index)], [.. Rows.Select(r => r.Where((_, i) => i != index).ToArray())]);
    }

    /// <summary>A copy with a column added last, its value computed from the row's index.</summary>
    public CsvTable With(string column, Func<int, string> value) =>
        new([.. Columns, column], [.. Rows.Select((r, i) => (string[])[.. r, value(i)])]);

    public CsvTable Take(int rows) => new(Columns, [.. Rows.Take(rows)]);

    /// <summary>A copy holding the given rows (0-based), in the order given; a row may come more than once.</summary>
    public CsvTable Pick(params int[] rows) => new(Columns, [.. rows.Select(r => Rows[r])]);

    /// <summary>The rows over and over until there are <paramref name="rows"/> of them.</summary>
    public CsvTable Repeated(int rows) => new(Columns, [.. Enumerable.Range(0, rows).Select(i => Rows[i % Rows.Count])]);

    /// <summary>Writes the table (LF line ends, UTF-8) and returns the path.</summary>
    public string Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, append: false, Utf8NoBom) { NewLine = "\n" };
        writer.WriteLine(string.Join(',', Columns));
        foreach (var row in Rows)
            writer.WriteLine(string.Join(',', row));
        return path;
    }

    private static readonly System.Text.UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
}

/// <summary>How tests feed files to a <see cref="ScoringEngine"/> and build the card a <see cref="BatchPredictor"/> checks against.</summary>
internal static class Scoring
{
    /// <summary>
    /// Every row of <paramref name="file"/> read into a <see cref="FeatureBatch"/> of <paramref name="capacity"/> rows
    /// and scored batch by batch; the values of all batches, in row order.
    /// </summary>
    public static double[] ScoreFile(ScoringEngine engine, ModelSchema schema, CsvInput file, int capacity)
    {
        var batch = new FeatureBatch(schema, capacity);
        var columns = schema.Features.Select(f => file.RequireColumn(f.Name, "feature")).ToArray();
        var values = new List<double>();
        void Flush()
        {
            var scores = engine.Score(batch);
            Assert.Equal(batch.Count, scores.Rows);
            values.AddRange(scores.Values);
            batch.Clear();
        }

        file.ForEach(row =>
        {
            var r = batch.AddRow();
            for (var f = 0; f < columns.Length; f++)
            {
                if (batch.Set(f, r, row[columns[f]]) is { } problem)
                    throw new InvalidOperationException($"line {row.Line}, column '{schema.Features[f].Name}' {problem}");
            }

            if (batch.IsFull)
                Flush();
        });
        if (batch.Count > 0)
            Flush();
        return [.. values];
    }

    /// <summary>The card a training of <paramref name="model"/> would write, as <c>&lt;algo&gt;_&lt;dataset&gt;_v1</c>.</summary>
    public static ModelCard CardFor(TrainedModel model, string algo, string dataset) => new()
    {
        Name = $"{algo}_{dataset}_v1",
        Algo = algo,
        Dataset = dataset,
        Version = 1,
        Task = model.Schema.Task.Name(),
        Target = model.Schema.Target,
        Labels = model.Schema.Labels,
        Features = model.Schema.Features,
        Excluded = model.Schema.Excluded,
        Hyperparameters = new Dictionary<string, double>(),
        Seed = 42,
        Train = new DataReference($"data/processed/{dataset}-train_processed_20250930.csv", new string('0', 32), 0),
        Metrics = new Dictionary<string, double>(),
        TrainingSeconds = 0,
        Created = "2025-10-02T08:30:15Z",
        CauceVersion = "0.1.0",
        Engine = "test",
    };
}
