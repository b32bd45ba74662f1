using System.Collections.Concurrent;
using Cauce.Ml.Inference;
using Cauce.Ml.Modeling;
using Cauce.Ml.Tests.Modeling.Training;
using Cauce.Ml.Tests.Modeling.XgBoost;

namespace Cauce.Ml.Tests.Inference;

/// <summary>
/// The row-by-row engine behind <c>cauce predict</c> and <c>cauce serve</c> gives the scores evaluation gives
/// (<see cref="TrainedModel.Score"/>, ML.NET's IDataView path), whatever the batch size and however many threads score at once.
/// </summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class ScoringEngineTests(TrainedSamples samples)
{
    private const double Tolerance = 1e-6;

    private void EngineMatchesEvaluation(string dataset, string algo, string? target = null)
    {
        var model = samples.Trained(dataset, algo, target).Model;
        var expected = samples.ScoreTest(model, dataset);

        var actual = Scoring.ScoreFile(new ScoringEngine(model, new FeatureBatch(model.Schema, 1)), model.Schema, samples.Test(dataset), capacity: 4096);

        Assert.True(expected.Rows > 100, $"the test split has only {expected.Rows} rows");
        AssertClose(expected.Values, actual, $"{algo} on {dataset} ({model.Schema.Task.Name()})");
    }

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = Enumerable.Range(0, expected.Length).MaxBy(i => Math.Abs(expected[i] - actual[i]));
        var difference = Math.Abs(expected[worst] - actual[worst]);
        Assert.True(
            difference <= Tolerance * Math.Max(1, Math.Abs(expected[worst])),
            $"{what}: value {worst} of {expected.Length} is {actual[worst]:R} from the engine and {expected[worst]:R} from evaluation");
    }

    [Theory]
    [InlineData("rf")]
    [InlineData("lr")]
    [InlineData("lgbm")]
    [InlineData("gbt")]
    public void A_binary_model_scores_the_test_split_as_evaluation_does(string algo) =>
        EngineMatchesEvaluation(TrainedSamples.Clientes, algo);

    [Theory]
    [InlineData("lr")]
    [InlineData("rf")]
    [InlineData("lgbm")]
    public void A_multiclass_model_scores_each_class_as_evaluation_does(string algo) =>
        EngineMatchesEvaluation(TrainedSamples.Clientes, algo, TrainedSamples.MulticlassTarget);

    [Theory]
    [InlineData("rf")]
    [InlineData("lgbm")]
    [InlineData("linreg")]
    public void A_regression_model_predicts_the_test_split_as_evaluation_does(string algo) =>
        EngineMatchesEvaluation(TrainedSamples.Ventas, algo);

    [XgboostFact]
    public void An_xgb_model_scores_through_its_booster_as_evaluation_does()
    {
        EngineMatchesEvaluation(TrainedSamples.Clientes, "xgb");
        EngineMatchesEvaluation(TrainedSamples.Ventas, "xgb");
    }

    [Fact]
    public void A_multiclass_row_gets_one_probability_per_class_summing_to_one()
    {
        var model = samples.Trained(TrainedSamples.Clientes, "lr", TrainedSamples.MulticlassTarget).Model;
        var engine = new ScoringEngine(model, new FeatureBatch(model.Schema, 1));

        var values = Scoring.ScoreFile(engine, model.Schema, samples.Test(TrainedSamples.Clientes), capacity: 64);

        Assert.Equal(3, engine.Width);
        Assert.Equal(["Anual", "Bianual", "Mensual"], model.Schema.Labels);
        Assert.All(values.Chunk(3), row => Assert.Equal(1, row.Sum(), 5));
    }

    [Theory]
    [InlineData("rf", 1)]
    [InlineData("rf", 37)]
    [InlineData("lr", 100)]
    [InlineData("lgbm", 7)]
    public void Scoring_in_batches_smaller_than_the_file_gives_what_one_batch_gives(string algo, int capacity)
    {
        var model = samples.Trained(TrainedSamples.Clientes, algo).Model;
        var test = samples.Test(TrainedSamples.Clientes);
        var engine = new ScoringEngine(model, new FeatureBatch(model.Schema, capacity));

        var whole = Scoring.ScoreFile(engine, model.Schema, test, capacity: 100_000);
        var batched = Scoring.ScoreFile(engine, model.Schema, test, capacity);

        Assert.True(whole.Length > 3 * capacity, "the file must span several batches");
        Assert.Equal(whole, batched);
    }

    [Fact]
    public void Scoring_a_multiclass_model_in_batches_gives_what_one_batch_gives()
    {
        var model = samples.Trained(TrainedSamples.Clientes, "lgbm", TrainedSamples.MulticlassTarget).Model;
        var test = samples.Test(TrainedSamples.Clientes);
        var engine = new ScoringEngine(model, new FeatureBatch(model.Schema, 1));

        Assert.Equal(Scoring.ScoreFile(engine, model.Schema, test, 100_000), Scoring.ScoreFile(engine, model.Schema, test, 13));
    }

    [XgboostFact]
    public void Scoring_xgb_in_batches_gives_what_one_batch_gives()
    {
        var model = samples.Trained(TrainedSamples.Ventas, "xgb").Model;
        var test = samples.Test(TrainedSamples.Ventas);
        var engine = new ScoringEngine(model, new FeatureBatch(model.Schema, 1));

        // The smaller batch first: the engine's buffer for the booster must grow, not keep the first batch's size.
        var batched = Scoring.ScoreFile(engine, model.Schema, test, 29);
        var whole = Scoring.ScoreFile(engine, model.Schema, test, 100_000);

        Assert.Equal(whole, batched);
    }

    [Theory]
    [InlineData(TrainedSamples.Clientes, "rf")]
    [InlineData(TrainedSamples.Clientes, "lgbm")]
    [InlineData(TrainedSamples.Ventas, "gbt")]
    public void Engines_from_one_pool_scoring_at_once_on_several_threads_give_what_one_engine_gives(string dataset, string algo) =>
        ConcurrentScoringMatches(dataset, algo);

    [XgboostFact]
    public void Xgb_engines_from_one_pool_scoring_at_once_give_what_one_engine_gives() =>
        ConcurrentScoringMatches(TrainedSamples.Clientes, "xgb");

    private void ConcurrentScoringMatches(string dataset, string algo)
    {
        const int Threads = 4;
        const int Rounds = 3;
        var model = samples.Trained(dataset, algo).Model;
        var shape = new FeatureBatch(model.Schema, 1);
        var expected = Scoring.ScoreFile(new ScoringEngine(model, shape), model.Schema, samples.Test(dataset), 50);
        var pool = new ScoringPool(model);
        var rented = new Barrier(Threads);
        var results = new double[Threads * Rounds][];
        var engines = new ConcurrentDictionary<ScoringEngine, byte>();
        var failures = new ConcurrentQueue<Exception>();

        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                for (var round = 0; round < Rounds; round++)
                {
                    var engine = pool.Rent(shape);
                    engines.TryAdd(engine, 0);
                    rented.SignalAndWait(); // every thread holds an engine before any scores: they score at once
                    results[(t * Rounds) + round] = Scoring.ScoreFile(engine, model.Schema, samples.Test(dataset), 50);
                    pool.Return(engine);
                }
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
                rented.RemoveParticipant();
            }
        })).ToList();
        foreach (var thread in threads)
            thread.Start();
        foreach (var thread in threads)
            thread.Join();

        Assert.Empty(failures);
        Assert.InRange(engines.Count, Threads, Threads * Rounds);
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void A_returned_engine_is_lent_again_instead_of_building_another()
    {
        var model = samples.Trained(TrainedSamples.Clientes, "lr").Model;
        var pool = new ScoringPool(model);
        var shape = new FeatureBatch(model.Schema, 1);

        var first = pool.Rent(shape);
        var second = pool.Rent(shape);
        pool.Return(first);
        var third = pool.Rent(shape);

        Assert.NotSame(first, second);
        Assert.Same(first, third);
    }
}
