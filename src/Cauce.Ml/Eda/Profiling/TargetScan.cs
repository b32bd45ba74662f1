using Cauce.Ml.Data.Schema;
using Cauce.Ml.Eda.Statistics;

namespace Cauce.Ml.Eda.Profiling;

/// <summary>Counts per label (rows) and class (columns), with the labels in row order.</summary>
internal sealed record LabelledCounts(IReadOnlyList<string> Labels, long[,] Counts);

/// <summary>
/// How every feature goes with the target, in the same pass: for a class target, each numeric feature's moments per
/// class (the correlation ratio η) and each label feature's counts per class (Cramér's V); for a numeric target,
/// each numeric or boolean feature's r and each category's moments of the target (η).
/// </summary>
internal sealed class TargetScan
{
    private readonly ColumnScan _target;
    private readonly bool _classes;
    private readonly int _classCount;
    private readonly (ColumnScan Feature, RunningMoments[] Groups)[] _grouped;
    private readonly (ColumnScan Feature, long[,] Counts)[] _crossed;
    private readonly (ColumnScan Feature, CoMoments Pair)[] _paired;
    private readonly (ColumnScan Feature, Dictionary<long, int> Index, long[,] Counts)[] _valued;
    private readonly (ColumnScan Feature, Dictionary<long, int> Index, RunningMoments[] Groups)[] _valueGroups;

    public TargetScan(ColumnScan target, ColumnScan[] features)
    {
        _target = target;
        _classes = target.Kind == ScanKind.Labels;
        _classCount = target.Labels.Count;
        if (_classes)
        {
            _grouped = [.. features.Where(f => f.Kind == ScanKind.Numeric).Select(f => (f, new RunningMoments[_classCount]))];
            _crossed = [.. features.Where(f => f.Kind == ScanKind.Labels).Select(f => (f, new long[f.Labels.Count, _classCount]))];
            _paired = [];
            _valued = [.. features.Where(HasFewIntegers).Select(f => { var index = IntegerIndex(f); return (f, index, new long[index.Count, _classCount]); })];
            _valueGroups = [];
        }
        else
        {
            // Integers with few values (hour, month, weekday) are codes more than quantities: the target's mean per
            // value (η) sees a relation that is not a straight line, as the hour of day has with rentals.
            _paired = [.. features.Where(f => (f.Kind == ScanKind.Numeric && !HasFewIntegers(f)) || f.Type == ColumnType.Boolean).Select(f => (f, default(CoMoments)))];
            _grouped = [.. features.Where(f => f.Kind == ScanKind.Labels && f.Type != ColumnType.Boolean).Select(f => (f, new RunningMoments[f.Labels.Count]))];
            _crossed = [];
            _valued = [];
            _valueGroups = [.. features.Where(HasFewIntegers).Select(f => { var index = IntegerIndex(f); return (f, index, new RunningMoments[index.Count]); })];
        }
    }

    /// <summary>For a class target: each label feature's (and few-valued integer feature's) counts, [label, class].</summary>
    public IReadOnlyDictionary<string, LabelledCounts> ClassCounts
    {
        get
        {
            var counts = _crossed.ToDictionary(c => c.Feature.Name, c => new LabelledCounts(c.Feature.Labels, c.Counts), StringComparer.Ordinal);
            foreach (var (feature, index, table) in _valued)
                counts[feature.Name] = new LabelledCounts([.. index.OrderBy(p => p.Value).Select(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))], table);
            return counts;
        }
    }

    /// <summary>An integer column with at most <see cref="ColumnSummary.FewIntegers"/> values, drawn per value.</summary>
    public static bool HasFewIntegers(ColumnScan scan) =>
        scan.Type == ColumnType.Integer && !scan.Column.Evidence.DistinctOverflow && scan.Column.Evidence.Distinct <= ColumnSummary.FewIntegers && scan.Column.Conflict is null;

    public void AddCurrentRow()
    {
        if (_classes)
        {
            var cls = _target.Code;
            if (cls < 0)
                return;
            foreach (var (feature, groups) in _grouped)
            {
                if (!double.IsNaN(feature.Value))
                    groups[cls].Add(feature.Value);
            }

            foreach (var (feature, counts) in _crossed)
            {
                if (feature.Code >= 0)
                    counts[feature.Code, cls]++;
            }

            foreach (var (feature, index, counts) in _valued)
            {
                if (!double.IsNaN(feature.Value) && index.TryGetValue((long)feature.Value, out var at))
                    counts[at, cls]++;
            }

            return;
        }

        var y = _target.Value;
        if (double.IsNaN(y))
            return;
        for (var i = 0; i < _paired.Length; i++)
        {
            var x = _paired[i].Feature.Value;
            if (!double.IsNaN(x))
                _paired[i].Pair.Add(x, y);
        }

        foreach (var (feature, groups) in _grouped)
        {
            if (feature.Code >= 0)
                groups[feature.Code].Add(y);
        }

        foreach (var (feature, index, groups) in _valueGroups)
        {
            if (!double.IsNaN(feature.Value) && index.TryGetValue((long)feature.Value, out var at))
                groups[at].Add(y);
        }
    }

    /// <summary>Each integer value of a few-valued column, in order, to its position.</summary>
    private static Dictionary<long, int> IntegerIndex(ColumnScan feature) =>
        feature.Column.Evidence.Spellings.Keys
            .Select(k => Values.TryInteger(k, out var v) ? (long?)v : null)
            .OfType<long>()
            .Distinct()
            .Order()
            .Select((v, i) => (v, i))
            .ToDictionary(p => p.v, p => p.i);

    public TargetProfile Result(ColumnProfile target, IReadOnlyList<ColumnProfile> columns, CorrelationMatrix matrix)
    {
        var related = new List<FeatureRelation>();
        foreach (var (feature, groups) in _grouped.Concat(_valueGroups.Select(v => (v.Feature, v.Groups))))
        {
            if (CorrelationRatio(groups) is { } eta)
                related.Add(new FeatureRelation(feature.Name, Measures.CorrelationRatio, Math.Round(eta, 4), groups.Sum(g => g.Count)));
        }

        foreach (var (feature, counts) in _crossed)
        {
            if (CramersV(counts) is { } v)
                related.Add(new FeatureRelation(feature.Name, Measures.CramersV, Math.Round(v, 4), Total(counts)));
        }

        foreach (var (feature, pair) in _paired)
        {
            if (pair.Correlation is { } r)
                related.Add(new FeatureRelation(feature.Name, Measures.PearsonR, Math.Round(r, 4), pair.Count));
        }

        var identifiers = columns.Where(c => c.IdentifierLike).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var ranked = related.Where(r => !identifiers.Contains(r.Feature))
            .OrderByDescending(r => r.Strength).ThenBy(r => r.Feature, StringComparer.Ordinal).ToList();

        IReadOnlyList<ClassShare> classes = [];
        string? positive = null;
        if (_classes)
        {
            var present = Math.Max(1, target.Present);
            classes = [.. target.TopValues.Select(l => new ClassShare(l.Label, l.Count, Math.Round((double)l.Count / present, 6)))];
            if (target.Type == ColumnType.Boolean)
                positive = classes.Select(c => c.Label).FirstOrDefault(l => Values.TryBoolean(l, out var truth) && truth);
            else if (classes.Count == 2)
                positive = classes[1].Label;
        }

        return new TargetProfile
        {
            Column = target.Name,
            Kind = _classes ? TargetKind.Classes : TargetKind.Numeric,
            Missing = target.Missing.Total,
            Classes = classes,
            PositiveClass = positive,
            Related = ranked,
        };
    }

    private static double? CorrelationRatio(RunningMoments[] groups)
    {
        long n = 0;
        double sum = 0;
        foreach (var g in groups)
        {
            n += g.Count;
            sum += g.Mean * g.Count;
        }

        if (n < 3)
            return null;
        var grand = sum / n;
        double between = 0, within = 0;
        foreach (var g in groups)
        {
            if (g.Count == 0)
                continue;
            between += g.Count * (g.Mean - grand) * (g.Mean - grand);
            within += g.SumOfSquares;
        }

        var total = between + within;
        return total <= 1e-300 ? null : Math.Sqrt(Math.Clamp(between / total, 0, 1));
    }

    private static double? CramersV(long[,] counts)
    {
        var rows = counts.GetLength(0);
        var cols = counts.GetLength(1);
        var rowTotals = new long[rows];
        var colTotals = new long[cols];
        long n = 0;
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                rowTotals[i] += counts[i, j];
                colTotals[j] += counts[i, j];
                n += counts[i, j];
            }
        }

        var usedRows = rowTotals.Count(t => t > 0);
        var usedCols = colTotals.Count(t => t > 0);
        var degrees = Math.Min(usedRows, usedCols) - 1;
        if (n == 0 || degrees <= 0)
            return null;
        double chi = 0;
        for (var i = 0; i < rows; i++)
        {
            if (rowTotals[i] == 0)
                continue;
            for (var j = 0; j < cols; j++)
            {
                if (colTotals[j] == 0)
                    continue;
                var expected = (double)rowTotals[i] * colTotals[j] / n;
                var diff = counts[i, j] - expected;
                chi += diff * diff / expected;
            }
        }

        return Math.Sqrt(Math.Clamp(chi / (n * degrees), 0, 1));
    }

    private static long Total(long[,] counts)
    {
        long n = 0;
        foreach (var c in counts)
            n += c;
        return n;
    }
}
