using System.Security.Cryptography;

namespace Cauce.Core.Versioning;

/// <summary>File hashes as DVC 3 computes them: the plain MD5 of the bytes, lower-case hex (what md5sum prints).</summary>
public static class FileHash
{
    public static string Md5(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }
}
