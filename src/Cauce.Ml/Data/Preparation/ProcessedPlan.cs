using Cauce.Ml.Data.Config;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Data.Preparation;

/// <summary>
/// The interim → processed step for one dataset: which columns stay, how each one's missing values are filled,
/// and the statistics that takes (gathered over the interim rows: a first pass while interim is written, a second
/// over the interim file only when a median is needed).
/// </summary>
internal sealed class ProcessedPlan
{
    private readonly ColumnPlan[] _columns;
    private readonly int _target;

    public ProcessedPlan(InferredSchema schema, DatasetConfig config)
    {
        var dropped = new List<DroppedColumn>();
        var kept = new List<int>();
        _columns = new ColumnPlan[schema.Columns.Count];
        _target = -1;
        for (var i = 0; i < schema.Columns.Count; i++)
        {
            var column = schema.Columns[i];
            if (config.Id.Contains(column.Name))
                dropped.Add(new DroppedColumn(column.Name, "id"));
            else if (config.Drop.Contains(column.Name))
                dropped.Add(new DroppedColumn(column.Name, "drop (declared leaky or unused)"));
            else
                kept.Add(i);
            if (column.Name == config.Target)
                _target = i;
            var strategy = column.Name == config.Target || !kept.Contains(i) ? ImputeStrategy.None : StrategyFor(column, config);
            _columns[i] = new ColumnPlan(column, i, strategy);
        }

        KeptColumns = kept;
        Dropped = dropped;
    }

    public IReadOnlyList<int> KeptColumns { get; }

    public IReadOnlyList<DroppedColumn> Dropped { get; }

    public long RowsWithoutTarget { get; private set; }

    public long RowsDroppedForMissing { get; private set; }

    public bool NeedsSecondPass => _columns.Any(c => c.Median is not null);

    public IReadOnlyList<Imputation> Imputations =>
        [.. _columns.Where(c => c.Strategy is not ImputeStrategy.None).Select(c => new Imputation(c.Column.Name, Describe(c.Strategy), c.Fill, c.Filled))];

    /// <summary>Takes one cleaned interim row (null = missing) into the statistics.</summary>
    public void FirstPass(string?[] row)
    {
        if (_target >= 0 && row[_target] is null)
            return;
        for (var i = 0; i < _columns.Length; i++)
        {
            if (row[i] is { } value)
                _columns[i].FirstPass(value);
        }
    }

    public void SecondPass(CsvRow row)
    {
        if (_target >= 0 && row[_target].IsEmpty)
            return;
        foreach (var column in _columns)
            column.SecondPass(row);
    }

    /// <summary>Between the passes: the median's buckets are located.</summary>
    public void EndFirstPass()
    {
        foreach (var column in _columns)
            column.Median?.EndFirstPass();
    }

    /// <summary>After the passes: each column's fill value is decided.</summary>
    public void Finish()
    {
        foreach (var column in _columns)
            column.Resolve();
    }

    /// <summary>Fills the row's missing values in place; false when the row is to be dropped.</summary>
    public bool Impute(string?[] row)
    {
        if (_target >= 0 && row[_target] is null)
        {
            RowsWithoutTarget++;
            return false;
        }

        foreach (var column in _columns)
        {
            if (column.Strategy == ImputeStrategy.DropRow && row[column.Index] is null)
            {
                RowsDroppedForMissing++;
                return false;
            }
        }

        foreach (var column in _columns)
        {
            if (row[column.Index] is null && column.Fill is { } fill)
            {
                row[column.Index] = fill;
                column.Filled++;
            }
        }

        return true;
    }

    private static ImputeStrategy StrategyFor(InferredColumn column, DatasetConfig config) =>
        config.ColumnOrDefault(column.Name).Impute ?? column.Type switch
        {
            ColumnType.Integer or ColumnType.Number => config.ImputeNumeric,
            ColumnType.Category => config.ImputeCategory,
            ColumnType.Boolean => config.ImputeBoolean,
            _ => ImputeStrategy.None,
        };

    private static string Describe(ImputeStrategy strategy) => strategy switch
    {
        ImputeStrategy.DropRow => "drop",
        _ => strategy.ToString().ToLowerInvariant(),
    };

    private sealed class ColumnPlan
    {
        private readonly ModeCounter? _mode;
        private double _sum;
        private long _count;

        public ColumnPlan(InferredColumn column, int index, ImputeStrategy strategy)
        {
            Column = column;
            Strategy = strategy;
            Index = index;
            var numeric = column.Type.IsNumeric();
            if (strategy == ImputeStrategy.Median && numeric)
                Median = new ExactMedian();
            if (strategy == ImputeStrategy.Mode || (!numeric && strategy is ImputeStrategy.Median or ImputeStrategy.Mean))
                _mode = new ModeCounter();
        }

        public InferredColumn Column { get; }

        public ImputeStrategy Strategy { get; }

        public int Index { get; }

        public ExactMedian? Median { get; }

        public string? Fill { get; private set; }

        public long Filled { get; set; }

        public void FirstPass(string value)
        {
            if (Strategy is ImputeStrategy.None or ImputeStrategy.DropRow or ImputeStrategy.Zero)
                return;
            _mode?.Add(value);
            if (Column.Type.IsNumeric() && Values.TryNumber(value, out var number))
            {
                Median?.AddFirstPass(number);
                _sum += number;
                _count++;
            }
        }

        public void SecondPass(CsvRow row)
        {
            if (Median is null)
                return;
            var text = row[Index];
            if (!text.IsEmpty && Values.TryNumber(text, out var number))
                Median.AddSecondPass(number);
        }

        public void Resolve()
        {
            Fill = Strategy switch
            {
                ImputeStrategy.Zero => Column.Type.IsNumeric() ? "0" : null,
                ImputeStrategy.Mean when Column.Type.IsNumeric() && _count > 0 => Format(_sum / _count),
                ImputeStrategy.Median when Median?.Result() is { } median => Format(median),
                ImputeStrategy.Median or ImputeStrategy.Mean or ImputeStrategy.Mode => _mode?.Result(),
                _ => null,
            };
        }

        private string Format(double value) =>
            Column.Type == ColumnType.Integer
                ? Values.FormatInteger((long)Math.Round(value, MidpointRounding.ToEven))
                : Values.FormatNumber(value);
    }
}
