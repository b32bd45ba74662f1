using System.Runtime.InteropServices;
using Cauce.Core.Errors;

namespace Cauce.Ml.Modeling.LightGbm;

/// <summary>
/// The slice of LightGBM's C API (<c>LightGBM/c_api.h</c>, 4.x) that <see cref="LgbmBooster"/> uses. The library,
/// <c>lib_lightgbm</c>, comes with the LightGBM NuGet package (ML.NET's own LightGBM dependency) beside Cauce's
/// assemblies. Every function returns 0 on success and -1 on failure, with the reason in <c>LGBM_GetLastError</c>.
/// </summary>
internal static unsafe partial class LgbmNative
{
    private const string Library = "lib_lightgbm";

    public const int Float32 = 0;
    public const int Float64 = 1;
    public const int PredictNormal = 0;

    [LibraryImport(Library)]
    private static partial nint LGBM_GetLastError();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_DatasetCreateFromMat(float* data, int dataType, int rows, int columns, int isRowMajor, string parameters, nint reference, out nint dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_DatasetSetField(nint dataset, string field, float* data, int count, int type);

    [LibraryImport(Library)]
    public static partial int LGBM_DatasetFree(nint dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterCreate(nint dataset, string parameters, out nint booster);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterUpdateOneIter(nint booster, out int finished);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterSaveModelToString(nint booster, int startIteration, int iterations, int importanceType, long bufferLength, out long length, byte* buffer);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterLoadModelFromString(byte* model, out int iterations, out nint booster);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterGetNumFeature(nint booster, out int features);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterGetNumClasses(nint booster, out int classes);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterPredictForMat(nint booster, float* data, int dataType, int rows, int columns, int isRowMajor, int predictType, int startIteration, int iterations, string parameters, out long length, double* result);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterFree(nint booster);

    /// <summary>LightGBM's message for the last failure on this thread.</summary>
    public static string LastError => Marshal.PtrToStringUTF8(LGBM_GetLastError()) ?? "no message";

    /// <summary>Throws a <see cref="CauceException"/> with LightGBM's own message when <paramref name="result"/> is not 0.</summary>
    public static void Check(int result, string operation)
    {
        if (result != 0)
        {
            throw new CauceException($"LightGBM could not {operation}: {LastError}",
                "check the lgbm settings (rounds, learning_rate, leaves, min_leaf) and that the labels suit the task");
        }
    }
}
