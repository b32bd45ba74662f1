using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Inference;

/// <summary>
/// One row of a <see cref="FeatureBatch"/> as ML.NET sees it: a row of the model's input schema whose getters read
/// the batch at the current row. Moving to another row bumps <see cref="Position"/>, which is how ML.NET's
/// transforms know their cached values are stale — the same contract its PredictionEngine keeps, without the
/// compile-time row class a PredictionEngine needs.
/// </summary>
internal sealed class BatchRow : DataViewRow
{
    private readonly Delegate[] _getters;
    private FeatureBatch _batch;
    private int _row;
    private long _position = -1;

    public BatchRow(DataViewSchema inputSchema, FeatureBatch batch)
    {
        Schema = inputSchema;
        _batch = batch;
        _getters = [.. inputSchema.Select(GetterFor)];
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _position;

    public override long Batch => 0;

    /// <summary>Points the row at <paramref name="row"/> of <paramref name="batch"/>.</summary>
    public void MoveTo(FeatureBatch batch, int row)
    {
        _batch = batch;
        _row = row;
        _position++;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) => true;

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        _getters[column.Index] as ValueGetter<TValue>
        ?? throw new InvalidOperationException($"column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}");

    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

    private Delegate GetterFor(DataViewSchema.Column column)
    {
        var feature = _batch.IndexOf(column.Name);
        var type = column.Type.RawType;
        if (feature < 0)
            return DefaultGetter(type);
        if (type == typeof(float))
            return (ValueGetter<float>)((ref float value) => value = _batch.Number(feature, _row));
        if (type == typeof(bool))
            return (ValueGetter<bool>)((ref bool value) => value = _batch.Flag(feature, _row));
        if (type == typeof(ReadOnlyMemory<char>))
            return (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = _batch.Text(feature, _row));
        throw new InvalidOperationException($"the model reads '{column.Name}' as {column.Type}, which its card does not describe");
    }

    /// <summary>Columns the model's input schema has but scoring does not read (the label): their default value.</summary>
    private static Delegate DefaultGetter(Type type) =>
        (Delegate)typeof(BatchRow).GetMethod(nameof(Default), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, null)!;

    private static ValueGetter<T> Default<T>() => (ref T value) => value = default!;
}
