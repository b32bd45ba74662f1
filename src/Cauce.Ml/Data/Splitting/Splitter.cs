using Cauce.Core.Errors;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Preparation;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Randomness;

namespace Cauce.Ml.Data.Splitting;

/// <summary>
/// What to split on and how. <c>Stratify</c> keeps each class's share the same on both sides (classification only);
/// <c>TimeColumn</c> splits by time instead, the latest dates going to test.
/// </summary>
public sealed record SplitOptions(string Dataset, string Target, PredictionTask? Task, double TestSize, bool Stratify, string? TimeColumn, ulong Seed);

/// <summary>Where split writes: the two files (full paths), and how messages name them.</summary>
public sealed record SplitTargets(string TrainPath, string TrainDisplay, string TestPath, string TestDisplay);

/// <summary>
/// Splits a file into train and test in two streaming passes, keeping file order on both sides. The test size is
/// ⌈test_size × n⌉ rows, as scikit-learn's; stratified splits give each class its share by largest remainders,
/// and choose which rows with seeded selection sampling, so the counts are exact and the same seed gives the same
/// files. A time split sends the latest dates to test, never cutting a date in two.
/// </summary>
public static class Splitter
{
    /// <summary>Distinct targets past which an undeclared task is taken for regression.</summary>
    private const int MaxClasses = 1000;

    public static SplitReport Split(CsvInput input, SplitOptions options, SplitTargets targets, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var target = input.RequireColumn(options.Target, "target");
        var time = options.TimeColumn is null ? -1 : input.RequireColumn(options.TimeColumn, "time");

        // Pass 1: the classes (or dates) and their counts.
        var classes = new Dictionary<string, long>(StringComparer.Ordinal);
        var dates = new SortedDictionary<DateTime, long>();
        var numeric = true;
        var overflow = false;
        var rows = input.ForEach(row =>
        {
            var label = Values.Clean(row[target]);
            if (Values.IsMissing(label, Values.DefaultMissingTokens))
                throw DataFileException.AtCell(input.DisplayPath, row.Line, options.Target, "has no target value", "run 'cauce prepare' first: it drops rows without a target");
            numeric &= Values.TryNumber(label, out _);
            if (!overflow)
            {
                var lookup = classes.GetAlternateLookup<ReadOnlySpan<char>>();
                lookup[label] = lookup.TryGetValue(label, out var n) ? n + 1 : 1;
                overflow = classes.Count > MaxClasses;
            }

            if (time >= 0)
            {
                var text = Values.Clean(row[time]);
                if (!Values.TryDate(text, out var date))
                    throw DataFileException.AtCell(input.DisplayPath, row.Line, options.TimeColumn!, $"'{text}' is not a date (YYYY-MM-DD)", "a time split needs a date in every row");
                dates[date] = dates.GetValueOrDefault(date) + 1;
            }
        }, progress.Slice(0, 0.5), cancellationToken);
        if (rows < 2)
            throw DataFileException.In(input.DisplayPath, rows == 0 ? "has a header but no data rows" : "has one data row: a split needs at least two");

        var task = options.Task ?? (overflow || (numeric && classes.Count > 20) ? PredictionTask.Regression : classes.Count <= 2 ? PredictionTask.Binary : PredictionTask.Multiclass);
        if (task.IsClassification() && classes.Count < 2)
            throw DataFileException.In(input.DisplayPath, $"the target '{options.Target}' has one label ('{classes.Keys.First()}'): a classifier needs at least two", "check the target column");
        var testRows = (long)Math.Ceiling(options.TestSize * rows);
        if (testRows >= rows)
            testRows = rows - 1;

        var warnings = new List<string>();
        Func<CsvRow, bool> isTest;
        string method;
        string? cutoff = null;
        if (time >= 0)
        {
            var first = TimeCutoff(dates, rows, testRows);
            cutoff = Values.FormatDate(first);
            method = "time";
            isTest = row => Values.TryDate(Values.Clean(row[time]), out var d) && d >= first;
        }
        else
        {
            var stratified = options.Stratify && task.IsClassification();
            method = stratified ? "stratified" : "random";
            var quotas = stratified ? Allocate(classes, rows, testRows, warnings) : new Dictionary<string, long> { [""] = testRows };
            var remaining = stratified ? new Dictionary<string, long>(classes, StringComparer.Ordinal) : new Dictionary<string, long> { [""] = rows };
            var random = new SeededRandom(options.Seed);
            isTest = row =>
            {
                var key = stratified ? Values.Clean(row[target]).ToString() : "";
                var left = remaining[key];
                var needed = quotas[key];
                remaining[key] = left - 1;
                if (needed == 0)
                {
                    random.NextDouble(); // one draw per row, so a row's fate depends only on the seed and its position
                    return false;
                }

                var chosen = random.NextDouble() * left < needed;
                if (chosen)
                    quotas[key] = needed - 1;
                return chosen;
            };
        }

        // Pass 2: write both sides, in file order.
        var trainBalance = new Dictionary<string, long>(StringComparer.Ordinal);
        var testBalance = new Dictionary<string, long>(StringComparer.Ordinal);
        var trainSpread = new RunningStats();
        var testSpread = new RunningStats();
        using var train = new CsvOutput(targets.TrainPath, input.Columns);
        using var test = new CsvOutput(targets.TestPath, input.Columns);
        input.ForEach(row =>
        {
            var toTest = isTest(row);
            var output = toTest ? test : train;
            for (var i = 0; i < row.Count; i++)
                output.Field(row[i]);
            output.EndRow();
            var label = Values.Clean(row[target]);
            if (task.IsClassification())
            {
                var balance = toTest ? testBalance : trainBalance;
                var key = label.ToString();
                balance[key] = balance.GetValueOrDefault(key) + 1;
            }
            else if (Values.TryNumber(label, out var value))
            {
                (toTest ? testSpread : trainSpread).Add(value);
            }
        }, progress.Slice(0.5, 1), cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (test.Rows == 0 || train.Rows == 0)
            throw DataFileException.In(input.DisplayPath, $"the split left {(test.Rows == 0 ? "test" : "train")} empty", "use a test size that leaves rows on both sides, or a time column with more than one date");
        train.Commit();
        test.Commit();

        return new SplitReport
        {
            Dataset = options.Dataset,
            Input = input.DisplayPath,
            Method = method,
            TestSize = options.TestSize,
            Seed = options.Seed,
            Target = options.Target,
            TimeColumn = options.TimeColumn,
            Cutoff = cutoff,
            Train = new FileSummary(targets.TrainDisplay, train.Rows, input.Columns.Count),
            Test = new FileSummary(targets.TestDisplay, test.Rows, input.Columns.Count),
            Balance = task.IsClassification()
                ? [.. classes.Keys.Order(StringComparer.Ordinal).Select(k => new ClassBalance(k, trainBalance.GetValueOrDefault(k), testBalance.GetValueOrDefault(k)))]
                : [],
            Spread = task.IsClassification() ? null : new TargetSpread(trainSpread.Mean, trainSpread.StandardDeviation, testSpread.Mean, testSpread.StandardDeviation),
            Warnings = warnings,
        };
    }

    /// <summary>
    /// Each class's share of the test rows: ⌊n_c·t/n⌋, then the rows still to give, one at a time, to the classes with
    /// the largest remainders (ties: the larger class, then the label's order), round after round until the test
    /// side is full. A class keeps at least one row in train; a class of one row stays in train.
    /// </summary>
    internal static Dictionary<string, long> Allocate(IReadOnlyDictionary<string, long> classes, long rows, long testRows, List<string> warnings)
    {
        var quotas = new Dictionary<string, long>(StringComparer.Ordinal);
        var order = new List<(string Label, double Remainder, long Count)>();
        long given = 0;
        foreach (var (label, count) in classes)
        {
            var exact = (double)count * testRows / rows;
            var whole = Math.Min((long)Math.Floor(exact), Math.Max(count - 1, 0));
            if (count < 2)
                warnings.Add($"class '{label}' has {count} row: it went to train only");
            quotas[label] = whole;
            given += whole;
            order.Add((label, exact - whole, count));
        }

        order.Sort((a, b) => b.Remainder != a.Remainder ? b.Remainder.CompareTo(a.Remainder) : b.Count != a.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Label, b.Label));
        var progress = true;
        while (given < testRows && progress)
        {
            progress = false;
            foreach (var (label, _, count) in order)
            {
                if (given >= testRows)
                    break;
                if (quotas[label] < count - 1)
                {
                    quotas[label]++;
                    given++;
                    progress = true;
                }
            }
        }

        return quotas;
    }

    /// <summary>The first test date: whole dates from the latest back, stopping where the test share is closest to the target.</summary>
    private static DateTime TimeCutoff(SortedDictionary<DateTime, long> dates, long rows, long testRows)
    {
        if (dates.Count < 2)
            throw new CauceException("a time split needs at least two different dates", "split at random instead (remove time_column)");
        long taken = 0;
        var best = dates.Keys.Last();
        var bestGap = long.MaxValue;
        foreach (var (date, count) in dates.Reverse())
        {
            taken += count;
            if (taken >= rows)
                break;
            var gap = Math.Abs(taken - testRows);
            if (gap < bestGap)
            {
                best = date;
                bestGap = gap;
            }

            if (taken >= testRows)
                break;
        }

        return best;
    }


    private sealed class RunningStats
    {
        private long _n;
        private double _mean;
        private double _m2;

        public double Mean => _mean;

        public double StandardDeviation => _n > 1 ? Math.Sqrt(_m2 / (_n - 1)) : 0;

        public void Add(double value)
        {
            _n++;
            var delta = value - _mean;
            _mean += delta / _n;
            _m2 += delta * (value - _mean);
        }
    }
}
