using System.Collections.Concurrent;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Inference;

/// <summary>
/// Scores batches of rows with one model. An ML.NET model scores row by row through ML.NET's row mapper (the
/// machinery under its PredictionEngine), so memory stays flat whatever the number of rows; a model of Cauce's
/// encoding (xgb, lgbm, lr, rf) writes the batch into its learner's matrix with the encoding (<see cref="FeatureEncoding"/>,
/// as in training) and scores it in one call. Not thread-safe: take one per thread from a <see cref="ScoringPool"/>.
/// </summary>
public sealed class ScoringEngine
{
    private readonly TrainedModel _model;
    private readonly BatchRow? _input;
    private readonly ValueGetter<float>? _single;
    private readonly ValueGetter<VBuffer<float>>? _vector;
    private VBuffer<float> _buffer;
    private float[] _dense = [];
    private float[] _classes = [];

    public ScoringEngine(TrainedModel model, FeatureBatch shape)
    {
        _model = model;
        if (model.Transformer is null)
            return;
        _input = new BatchRow(model.InputSchema!, shape);
        var mapper = model.Transformer.GetRowToRowMapper(model.InputSchema);
        var column = mapper.OutputSchema[model.OutputColumn];
        var output = mapper.GetRow(_input, [column]);
        if (column.Type is VectorDataViewType)
            _vector = output.GetGetter<VBuffer<float>>(column);
        else
            _single = output.GetGetter<float>(column);
    }

    /// <summary>Values a row gets: one (binary P(positive), regression value) or one per class.</summary>
    public int Width => _model.Schema.Outputs;

    /// <summary>The scores of the batch's rows, in the layout of <see cref="Scores"/>.</summary>
    public Scores Score(FeatureBatch batch)
    {
        var values = new double[batch.Count * Width];
        if (_model.Predictor is { } predictor)
        {
            var columns = predictor.Columns;
            if (_dense.Length < batch.Count * columns)
                _dense = new float[batch.Capacity * columns];
            _model.Encoding!.Write(batch, _dense);
            predictor.Predict(_dense.AsMemory(0, batch.Count * columns), batch.Count, values);
        }
        else
        {
            for (var row = 0; row < batch.Count; row++)
            {
                _input!.MoveTo(batch, row);
                if (_single is not null)
                {
                    var value = 0f;
                    _single(ref value);
                    values[row] = value;
                }
                else
                {
                    _vector!(ref _buffer);
                    if (_classes.Length != Width)
                        _classes = new float[Width];
                    _buffer.CopyTo(_classes);
                    for (var k = 0; k < Width; k++)
                        values[(row * Width) + k] = _classes[k];
                }
            }
        }

        var classes = _model.Schema.Task switch { PredictionTask.Binary => 2, PredictionTask.Multiclass => Width, _ => 0 };
        return new Scores(_model.Schema.Task, batch.Count, values, classes);
    }
}

/// <summary>
/// Engines for one model, lent to one caller at a time: the HTTP server scores concurrent requests each with its
/// own engine, never building one per request.
/// </summary>
public sealed class ScoringPool(TrainedModel model)
{
    private readonly ConcurrentBag<ScoringEngine> _idle = [];

    public TrainedModel Model { get; } = model;

    public ScoringEngine Rent(FeatureBatch shape) => _idle.TryTake(out var engine) ? engine : new ScoringEngine(Model, shape);

    public void Return(ScoringEngine engine) => _idle.Add(engine);
}
