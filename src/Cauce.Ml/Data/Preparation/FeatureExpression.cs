using System.Globalization;
using Cauce.Core.Errors;
using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Data.Preparation;

/// <summary>
/// A derived feature's formula, compiled against the dataset's columns: numbers, columns (numeric, boolean as
/// 1/0, or dates through date functions), <c>+ - * / ^</c>, comparisons giving 1 or 0, parentheses, and a fixed
/// set of functions. Nothing else is reachable from a formula. A missing input, a division by zero or a
/// logarithm of a non-positive number gives a missing value.
/// </summary>
/// <example><c>cargo_total / antiguedad_meses</c>, <c>log1p(ingresos_anuales)</c>, <c>weekday(fecha) &gt;= 6</c>, <c>if(promocion, precio * (1 - descuento), precio)</c></example>
public sealed class FeatureExpression
{
    private static readonly Dictionary<string, (int Min, int Max)> Functions = new(StringComparer.Ordinal)
    {
        ["log"] = (1, 1), ["log1p"] = (1, 1), ["exp"] = (1, 1), ["sqrt"] = (1, 1), ["abs"] = (1, 1),
        ["round"] = (1, 2), ["floor"] = (1, 1), ["ceil"] = (1, 1), ["min"] = (2, 8), ["max"] = (2, 8),
        ["if"] = (3, 3), ["is_missing"] = (1, 1),
        ["year"] = (1, 1), ["month"] = (1, 1), ["day"] = (1, 1), ["weekday"] = (1, 1), ["hour"] = (1, 1),
    };

    private static readonly HashSet<string> DateFunctions = ["year", "month", "day", "weekday", "hour"];

    private readonly Func<IReadOnlyList<string?>, double> _evaluate;

    private FeatureExpression(string text, Func<IReadOnlyList<string?>, double> evaluate, IReadOnlyList<string> inputs)
    {
        Text = text;
        _evaluate = evaluate;
        Inputs = inputs;
    }

    public string Text { get; }

    /// <summary>The columns the formula reads.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The value for one row (cleaned values, in the columns' order); NaN when missing.</summary>
    public double Evaluate(IReadOnlyList<string?> row) => _evaluate(row);

    /// <summary>Compiles <paramref name="text"/>; <paramref name="where"/> names it in errors ("datasets.x.derive.y").</summary>
    public static FeatureExpression Compile(string text, IReadOnlyList<(string Name, ColumnType Type)> columns, string where)
    {
        var parser = new Parser(text, columns, where);
        var body = parser.ParseAll();
        return new FeatureExpression(text, body, [.. parser.Used]);
    }

    private sealed class Parser(string text, IReadOnlyList<(string Name, ColumnType Type)> columns, string where)
    {
        private int _position;

        public SortedSet<string> Used { get; } = new(StringComparer.Ordinal);

        public Func<IReadOnlyList<string?>, double> ParseAll()
        {
            var result = Comparison();
            Skip();
            if (_position < text.Length)
                throw Error($"unexpected '{text[_position]}'");
            return result;
        }

        private Func<IReadOnlyList<string?>, double> Comparison()
        {
            var left = Additive();
            Skip();
            foreach (var op in new[] { "<=", ">=", "==", "!=", "<", ">" })
            {
                if (!text.AsSpan(_position).StartsWith(op, StringComparison.Ordinal))
                    continue;
                _position += op.Length;
                var right = Additive();
                return op switch
                {
                    "<=" => r => Compare(left(r), right(r), (a, b) => a <= b),
                    ">=" => r => Compare(left(r), right(r), (a, b) => a >= b),
                    "==" => r => Compare(left(r), right(r), (a, b) => a == b),
                    "!=" => r => Compare(left(r), right(r), (a, b) => a != b),
                    "<" => r => Compare(left(r), right(r), (a, b) => a < b),
                    _ => r => Compare(left(r), right(r), (a, b) => a > b),
                };
            }

            return left;
        }

        private Func<IReadOnlyList<string?>, double> Additive()
        {
            var left = Multiplicative();
            while (true)
            {
                Skip();
                if (Take('+'))
                {
                    var (l, r) = (left, Multiplicative());
                    left = row => l(row) + r(row);
                }
                else if (Take('-'))
                {
                    var (l, r) = (left, Multiplicative());
                    left = row => l(row) - r(row);
                }
                else
                {
                    return left;
                }
            }
        }

        private Func<IReadOnlyList<string?>, double> Multiplicative()
        {
            var left = Unary();
            while (true)
            {
                Skip();
                if (Take('*'))
                {
                    var (l, r) = (left, Unary());
                    left = row => l(row) * r(row);
                }
                else if (Take('/'))
                {
                    var (l, r) = (left, Unary());
                    left = row => r(row) is var d && d == 0 ? double.NaN : l(row) / d;
                }
                else
                {
                    return left;
                }
            }
        }

        private Func<IReadOnlyList<string?>, double> Unary()
        {
            Skip();
            if (Take('-'))
            {
                var operand = Unary();
                return row => -operand(row);
            }

            var primary = Primary();
            Skip();
            if (Take('^'))
            {
                var exponent = Unary();
                return row => Finite(Math.Pow(primary(row), exponent(row)));
            }

            return primary;
        }

        private Func<IReadOnlyList<string?>, double> Primary()
        {
            Skip();
            if (_position >= text.Length)
                throw Error("the formula ends where a value was expected");
            var c = text[_position];
            if (Take('('))
            {
                var inner = Comparison();
                Skip();
                if (!Take(')'))
                    throw Error("a '(' is never closed");
                return inner;
            }

            if (char.IsAsciiDigit(c) || c == '.')
            {
                var start = _position;
                while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] is '.' or 'e' or 'E'
                    || (text[_position] is '+' or '-' && text[_position - 1] is 'e' or 'E')))
                    _position++;
                var literal = text[start.._position];
                if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    throw Error($"'{literal}' is not a number");
                return _ => number;
            }

            var name = Identifier();
            Skip();
            if (Functions.ContainsKey(name) && Take('('))
                return Call(name);
            if (_position < text.Length && text[_position] == '(')
                throw Error($"there is no function '{name}'");
            var (index, type) = Column(name);
            return type switch
            {
                _ when type.IsNumeric() => row => row[index] is { } v && Values.TryNumber(v, out var n) ? n : double.NaN,
                ColumnType.Boolean => row => row[index] switch { "true" => 1, "false" => 0, _ => double.NaN },
                _ => throw Error($"column '{name}' is {type.Name()}: formulas read numbers and booleans ({DateHint(type)})"),
            };
        }

        private Func<IReadOnlyList<string?>, double> Call(string name)
        {
            var arguments = new List<Func<IReadOnlyList<string?>, double>>();
            Skip();
            if (DateFunctions.Contains(name) || name == "is_missing")
            {
                var column = Identifier();
                var (index, type) = Column(column);
                Skip();
                if (!Take(')'))
                    throw Error($"{name}() takes one column");
                if (name == "is_missing")
                    return row => row[index] is null ? 1 : 0;
                if (type != ColumnType.Date)
                    throw Error($"{name}() takes a date column; '{column}' is {type.Name()}");
                return name switch
                {
                    "year" => row => Date(row[index], d => d.Year),
                    "month" => row => Date(row[index], d => d.Month),
                    "day" => row => Date(row[index], d => d.Day),
                    "weekday" => row => Date(row[index], d => d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek),
                    _ => row => Date(row[index], d => d.Hour),
                };
            }

            if (!Take(')'))
            {
                do
                {
                    arguments.Add(Comparison());
                    Skip();
                }
                while (Take(','));
                if (!Take(')'))
                    throw Error($"{name}( is never closed");
            }

            var (min, max) = Functions[name];
            if (arguments.Count < min || arguments.Count > max)
                throw Error($"{name}() takes {(min == max ? $"{min}" : $"{min} to {max}")} arguments, got {arguments.Count}");
            var a = arguments.ToArray();
            return name switch
            {
                "log" => row => a[0](row) is var x && x > 0 ? Math.Log(x) : double.NaN,
                "log1p" => row => a[0](row) is var x && x > -1 ? Math.Log(1 + x) : double.NaN,
                "exp" => row => Finite(Math.Exp(a[0](row))),
                "sqrt" => row => a[0](row) is var x && x >= 0 ? Math.Sqrt(x) : double.NaN,
                "abs" => row => Math.Abs(a[0](row)),
                "round" => row => Math.Round(a[0](row), a.Length > 1 ? (int)a[1](row) : 0, MidpointRounding.ToEven),
                "floor" => row => Math.Floor(a[0](row)),
                "ceil" => row => Math.Ceiling(a[0](row)),
                "min" => row => a.Select(f => f(row)).Aggregate((x, y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Min(x, y)),
                "max" => row => a.Select(f => f(row)).Aggregate((x, y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Max(x, y)),
                _ => row => a[0](row) is var condition && double.IsNaN(condition) ? double.NaN : condition != 0 ? a[1](row) : a[2](row),
            };
        }

        private (int Index, ColumnType Type) Column(string name)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].Name == name)
                {
                    Used.Add(name);
                    return (i, columns[i].Type);
                }
            }

            throw Error($"there is no column '{name}' (the columns: {string.Join(", ", columns.Select(c => c.Name))})");
        }

        private string Identifier()
        {
            Skip();
            if (Take('`'))
            {
                var end = text.IndexOf('`', _position);
                if (end < 0)
                    throw Error("a '`' is never closed");
                var quoted = text[_position..end];
                _position = end + 1;
                return quoted;
            }

            var start = _position;
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] == '_'))
                _position++;
            if (_position == start)
                throw Error(_position < text.Length ? $"unexpected '{text[_position]}'" : "the formula ends where a value was expected");
            return text[start.._position];
        }

        private bool Take(char c)
        {
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void Skip()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
                _position++;
        }

        private CauceException Error(string problem) =>
            new($"params.yaml: {where}: {problem} in '{text}'", "formulas use columns, numbers, + - * / ^, comparisons, parentheses and log, log1p, exp, sqrt, abs, round, floor, ceil, min, max, if, is_missing, year, month, day, weekday, hour");

        private static string DateHint(ColumnType type) => type == ColumnType.Date ? "use year(), month(), day(), weekday() or hour() on a date" : "categories and text cannot enter a formula";

        private static double Compare(double a, double b, Func<double, double, bool> test) =>
            double.IsNaN(a) || double.IsNaN(b) ? double.NaN : test(a, b) ? 1 : 0;

        private static double Finite(double value) => double.IsFinite(value) ? value : double.NaN;

        private static double Date(string? value, Func<DateTime, int> part) =>
            value is not null && Values.TryDate(value, out var date) ? part(date) : double.NaN;
    }
}
