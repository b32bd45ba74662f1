using Cauce.Ml.Data.Schema;
using Cauce.Ml.Eda.Statistics;

namespace Cauce.Ml.Eda.Profiling;

/// <summary>How the second pass reads a column: as numbers, as labels (categories, booleans), as dates, or only counted (text).</summary>
internal enum ScanKind
{
    Numeric,
    Labels,
    Date,
    Text,
}

/// <summary>
/// The second pass over one column: what is missing and how it was written, and by kind the moments, extremes and
/// sample of numbers and dates, or the label code of each value. After <see cref="Add"/>, <see cref="Value"/> and
/// <see cref="Code"/> hold the current row's number and label for the cross-column statistics.
/// </summary>
internal sealed class ColumnScan
{
    private readonly IReadOnlySet<string> _missingTokens;
    private readonly bool _decimalComma;
    private readonly Dictionary<string, (int Code, double Flag)>? _codes;
    private readonly string _tokenStarts;
    private RunningMoments _moments;
    private Extremes _extremes = new();
    private double _last;

    public ColumnScan(int index, InferredColumn column, EdaOptions options)
    {
        Index = index;
        Column = column;
        _missingTokens = options.MissingTokens;
        _tokenStarts = new string([.. options.MissingTokens.Where(t => t.Length > 0).Select(t => t[0]).Distinct().Order()]);
        var e = column.Evidence;
        Kind = column.Type switch
        {
            ColumnType.Integer or ColumnType.Number => ScanKind.Numeric,
            ColumnType.Boolean or ColumnType.Category => ScanKind.Labels,
            ColumnType.Date => ScanKind.Date,
            _ => ScanKind.Text,
        };
        _decimalComma = column.Type == ColumnType.Number && e.DecimalCommas > 0;
        if (Kind is ScanKind.Numeric or ScanKind.Date)
            Sample = new ValueSample(e.Present, options.QuantileSampleSize, options.Seed ^ (0xA5A5_0000UL + (ulong)index));
        if (e.DistinctOverflow)
            DistinctEstimator = new DistinctEstimator();
        if (Kind == ScanKind.Labels)
        {
            Spellings = CategorySpellings.From(e.Spellings);
            var merged = new Dictionary<string, (long Count, long Canonical)>(StringComparer.Ordinal);
            foreach (var (spelling, count) in e.Spellings)
            {
                var label = Spellings.Canonical(spelling);
                var (total, canonical) = merged.GetValueOrDefault(label);
                merged[label] = (total + count, canonical + (spelling == label ? count : 0));
            }

            var ordered = merged.OrderByDescending(m => m.Value.Count).ThenBy(m => m.Key, StringComparer.Ordinal).ToList();
            Labels = [.. ordered.Select(o => o.Key)];
            LabelCounts = [.. ordered.Select(o => new LabelCount(o.Key, o.Value.Count, o.Value.Count - o.Value.Canonical))];
            var indexOf = ordered.Select((o, i) => (o.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
            _codes = new Dictionary<string, (int, double)>(StringComparer.Ordinal);
            foreach (var spelling in e.Spellings.Keys)
            {
                var flag = column.Type == ColumnType.Boolean && Values.TryBoolean(spelling, out var truth) ? (truth ? 1 : 0) : double.NaN;
                _codes[spelling] = (indexOf[Spellings.Canonical(spelling)], flag);
            }
        }
    }

    public int Index { get; }

    public InferredColumn Column { get; }

    public string Name => Column.Name;

    public ScanKind Kind { get; }

    public ColumnType Type => Column.Type;

    /// <summary>The current row's value as a number (booleans 1/0); NaN when missing or not a number.</summary>
    public double Value { get; private set; }

    /// <summary>The current row's label index into <see cref="Labels"/>; −1 when missing or not a label column.</summary>
    public int Code { get; private set; }

    public long Blank { get; private set; }

    public long WhitespaceOnly { get; private set; }

    public long Tokens { get; private set; }

    public long Present { get; private set; }

    public long Padded { get; private set; }

    /// <summary>The first value written with spaces at either end, as written, with its line.</summary>
    public (long Line, string Raw)? FirstPadded { get; private set; }

    public long Unparsed { get; private set; }

    public ValueSample? Sample { get; }

    public DistinctEstimator? DistinctEstimator { get; }

    public CategorySpellings? Spellings { get; }

    /// <summary>Label column: the labels, spellings merged, most frequent first.</summary>
    public IReadOnlyList<string> Labels { get; } = [];

    public IReadOnlyList<LabelCount> LabelCounts { get; } = [];

    public RunningMoments Moments => _moments;

    /// <summary>Every number so far was larger than the one before: with no gaps, a row number.</summary>
    public bool StrictlyAscending { get; private set; } = true;

    public Extremes Extremes => _extremes;

    public void Add(ReadOnlySpan<char> raw, long line)
    {
        Value = double.NaN;
        Code = -1;
        var value = Values.Clean(raw);
        if (value.IsEmpty)
        {
            if (raw.IsEmpty)
                Blank++;
            else
                WhitespaceOnly++;
            return;
        }

        // Most values cannot be a missing token: only look those up whose first character starts one.
        if (_tokenStarts.Contains(value[0]) && Values.IsMissing(value, _missingTokens))
        {
            Tokens++;
            return;
        }

        Present++;
        if (value.Length != raw.Length)
        {
            Padded++;
            FirstPadded ??= (line, raw.ToString());
        }

        DistinctEstimator?.Add(value);
        switch (Kind)
        {
            case ScanKind.Numeric:
                if (FastNumber.TryParse(value, out var number) || (_decimalComma && Values.TryDecimalComma(value, out number)))
                {
                    Value = number;
                    if (_moments.Count > 0 && number <= _last)
                        StrictlyAscending = false;
                    _last = number;
                    _moments.Add(number);
                    _extremes.Add(number);
                    Sample!.Add(number);
                }
                else
                {
                    Unparsed++;
                }

                break;
            case ScanKind.Labels:
                if (_codes!.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out var label))
                {
                    Code = label.Code;
                    if (!double.IsNaN(label.Flag))
                    {
                        Value = label.Flag;
                        _moments.Add(Value);
                    }
                }

                break;
            case ScanKind.Date:
                if (Values.TryDate(value, out var date))
                {
                    var day = date.ToOADate();
                    _extremes.Add(day);
                    Sample!.Add(day);
                }
                else
                {
                    Unparsed++;
                }

                break;
        }
    }
}
