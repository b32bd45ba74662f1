using Cauce.Core.Errors;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Modeling;

namespace Cauce.Ml.Inference;

/// <summary>What to score and where to write it.</summary>
/// <param name="Card">The model's card: the schema the input is checked against.</param>
/// <param name="Model">The model, loaded.</param>
/// <param name="Input">The CSV to score.</param>
/// <param name="OutputPath">Where the predictions go (written atomically).</param>
/// <param name="Ids">Columns copied from the input to the output, so each prediction can be joined back to its row; with none, the output numbers the rows (<c>row</c>, from 1).</param>
/// <param name="AllowExtra">Ignore input columns the model does not know, instead of refusing the file.</param>
/// <param name="AllowUnseen">Score category labels the model never saw as none of its labels, instead of refusing them.</param>
public sealed record PredictRequest(
    ModelCard Card,
    TrainedModel Model,
    CsvInput Input,
    string OutputPath,
    IReadOnlyList<string> Ids,
    bool AllowExtra = false,
    bool AllowUnseen = false);

/// <summary>What a batch prediction wrote.</summary>
public sealed record PredictSummary(long Rows, IReadOnlyList<string> Columns, double Seconds);

/// <summary>
/// Scores a CSV file of any size with flat memory: the header is checked against the model card first (missing
/// features, columns the model does not know), then rows stream through a fixed-size <see cref="FeatureBatch"/>
/// and every value is checked as it is read (type; category labels never seen in training), the error naming the
/// line and column. The output — the id columns, the target when the file has it, the prediction and, for
/// classifiers, the probability — appears only when every row has been scored: a bad row leaves no file.
/// </summary>
public static class BatchPredictor
{
    private const int BatchRows = 4096;

    /// <summary>The column numbering the rows (1 for the first data row) when no id column is copied.</summary>
    public const string RowColumn = "row";

    public static PredictSummary Predict(PredictRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (card, input) = (request.Card, request.Input);
        var schema = card.Schema;
        var features = schema.Features.Select(f => input.IndexOf(f.Name)).ToArray();
        CheckHeader(request, features);

        var passThrough = request.Ids.Where(id => id != schema.Target).ToList();
        if (input.IndexOf(schema.Target) >= 0)
            passThrough.Add(schema.Target);
        var passIndex = passThrough.Select(input.IndexOf).ToArray();
        var numbered = request.Ids.Count == 0;
        var columns = (numbered ? [RowColumn] : Enumerable.Empty<string>()).Concat(passThrough).Concat(Prediction.Columns(schema)).ToList();
        long written = 0;

        using var output = new CsvOutput(request.OutputPath, columns);
        var engine = new ScoringEngine(request.Model, new FeatureBatch(schema, 1));

        void Write(Slot slot)
        {
            var scores = engine.Score(slot.Batch);
            for (var row = 0; row < slot.Batch.Count; row++)
            {
                written++;
                if (numbered)
                    output.Field(written.ToString(System.Globalization.CultureInfo.InvariantCulture));
                for (var p = 0; p < passIndex.Length; p++)
                    output.Field(slot.Passed[row, p]);
                if (schema.Task.IsClassification())
                {
                    output.Field(schema.Labels[Prediction.ClassOf(scores, row)]);
                    output.Field(Prediction.Format(Prediction.ProbabilityOf(scores, row)));
                }
                else
                {
                    output.Field(Prediction.Format(scores.Values[row]));
                }

                output.EndRow();
            }
        }

        var hint = $"the model card ({ModelCardPath(card)}) lists what each column must hold";
        var rows = Pipeline(() => new Slot(new FeatureBatch(schema, BatchRows, request.AllowUnseen), new string[BatchRows, passIndex.Length]), Write, fill => input.ForEach(row =>
        {
            var slot = fill();
            var batch = slot.Batch;
            var r = batch.AddRow();
            for (var f = 0; f < features.Length; f++)
            {
                if (batch.Set(f, r, row[features[f]]) is { } problem)
                {
                    throw DataFileException.AtCell(input.DisplayPath, row.Line, schema.Features[f].Name, problem,
                        problem.Contains("never saw", StringComparison.Ordinal) ? "pass --allow-unseen to score it as none of the known labels" : hint);
                }
            }

            for (var p = 0; p < passIndex.Length; p++)
                slot.Passed[r, p] = row[passIndex[p]].ToString();
        }, progress, cancellationToken), cancellationToken);
        if (rows == 0)
            throw DataFileException.In(input.DisplayPath, "has a header but no data rows", "give it rows to score");

        output.Commit();
        return new PredictSummary(rows, columns, started.Elapsed.TotalSeconds);
    }

    /// <summary>Rows read and checked, not yet scored: the features and the columns copied to the output.</summary>
    private sealed record Slot(FeatureBatch Batch, string[,] Passed);

    /// <summary>
    /// Reads and scores at once on two cores: <paramref name="read"/> fills batches on this thread (each call of the
    /// function it is given returns the batch with room for the next row), while <paramref name="write"/> scores and
    /// writes full ones in order on another. Two batches circulate, so memory stays flat. An error on either side
    /// stops both and is rethrown here.
    /// </summary>
    private static long Pipeline(Func<Slot> create, Action<Slot> write, Func<Func<Slot>, long> read, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var free = new System.Collections.Concurrent.BlockingCollection<Slot> { create(), create() };
        using var full = new System.Collections.Concurrent.BlockingCollection<Slot>();
        var writer = Task.Run(() =>
        {
            try
            {
                foreach (var slot in full.GetConsumingEnumerable(failed.Token))
                {
                    write(slot);
                    slot.Batch.Clear();
                    free.Add(slot, failed.Token);
                }
            }
            catch
            {
                failed.Cancel();
                throw;
            }
        }, CancellationToken.None);

        Slot? current = null;
        Slot Fill()
        {
            if (current is { Batch.IsFull: true })
            {
                full.Add(current, failed.Token);
                current = null;
            }

            return current ??= free.Take(failed.Token);
        }

        long rows;
        try
        {
            rows = read(Fill);
            if (current is { Batch.Count: > 0 })
                full.Add(current, failed.Token);
            full.CompleteAdding();
        }
        catch (OperationCanceledException) when (writer.IsFaulted || (failed.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            writer.GetAwaiter().GetResult(); // the writer's own error, not the cancellation it caused
            throw;
        }
        catch
        {
            failed.Cancel();
            try
            {
                writer.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // the writer stopped because of this error
            }

            throw;
        }

        writer.GetAwaiter().GetResult();
        return rows;
    }

    private static void CheckHeader(PredictRequest request, int[] features)
    {
        var (card, input) = (request.Card, request.Input);
        var missing = card.Features.Where((_, i) => features[i] < 0).Select(f => $"'{f.Name}'").ToList();
        if (missing.Count > 0)
        {
            throw DataFileException.In(input.DisplayPath, $"lacks the column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)} the model {card.Name} reads",
                $"score files with the columns of the processed data it was trained on (its card, {ModelCardPath(card)}, lists them)");
        }

        var ids = request.Ids.Where(id => input.IndexOf(id) < 0).ToList();
        if (ids.Count > 0)
            throw CauceException.Usage($"{input.DisplayPath} has no id column {string.Join(", ", ids.Select(i => $"'{i}'"))}", $"its columns are: {string.Join(", ", input.Columns)}");

        var clash = request.Ids.Where(id => Prediction.Columns(card.Schema).Contains(id)).ToList();
        if (clash.Count > 0)
            throw CauceException.Usage($"the id column '{clash[0]}' has the name of an output column", "rename it in the input");

        if (request.AllowExtra)
            return;
        var known = card.Features.Select(f => f.Name).Concat(card.Excluded.Select(e => e.Name)).Append(card.Target).Concat(request.Ids).ToHashSet(StringComparer.Ordinal);
        var extra = input.Columns.Where(c => !known.Contains(c)).Select(c => $"'{c}'").ToList();
        if (extra.Count > 0)
        {
            throw DataFileException.In(input.DisplayPath, $"has column{(extra.Count == 1 ? "" : "s")} the model {card.Name} does not know: {string.Join(", ", extra.Take(10))}",
                "check it is the right file and model; pass --allow-extra to ignore them, or --id COLUMN to copy one to the output");
        }
    }

    private static string ModelCardPath(ModelCard card) => $"models/{card.Name}.json";
}
