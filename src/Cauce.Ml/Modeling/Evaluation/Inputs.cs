namespace Cauce.Ml.Modeling.Evaluation;

/// <summary>The argument checks every metric shares, so each says the same thing in the same words.</summary>
internal static class Inputs
{
    public static void RequireRows(int rows, string name)
    {
        if (rows == 0)
            throw new ArgumentException("no rows to evaluate: the input is empty", name);
    }

    public static void RequireSameLength(int actual, int other, string otherName)
    {
        if (actual != other)
            throw new ArgumentException($"{otherName} has {other} values but actual has {actual}; they must be the same length", otherName);
    }

    public static void RequireFinite(ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name}[{i}] is {values[i]}; every value must be a finite number", name);
        }
    }

    public static void RequireProbabilities(ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            // Written so that NaN fails too.
            if (!(values[i] >= 0 && values[i] <= 1))
                throw new ArgumentException($"{name}[{i}] is {values[i]}; a probability must be in [0, 1]", name);
        }
    }

    public static void RequireClasses(ReadOnlySpan<int> values, int classes, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if ((uint)values[i] >= (uint)classes)
                throw new ArgumentException($"{name}[{i}] is {values[i]}; a class must be in [0, {classes})", name);
        }
    }
}
