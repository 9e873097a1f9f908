using Microsoft.Extensions.Caching.Memory;
using Samverka.Domain.Agreements;

namespace Samverka.Web.Documents;

/// <summary>
/// Rendered agreement documents, kept a while per agreement version (the row's concurrency token
/// changes on every save, signature and state change), so repeated downloads do not render again.
/// A PDF/A takes tens of milliseconds to render (bench/RESULTS.md); a cached one microseconds.
/// </summary>
public sealed class DocumentCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    public async Task<byte[]> GetAsync(Agreement agreement, string kind, Func<Task<byte[]>> render)
    {
        var key = (agreement.Id, agreement.Version, kind);
        if (_cache.TryGetValue(key, out byte[]? bytes) && bytes is not null)
        {
            return bytes;
        }

        bytes = await render();
        _cache.Set(key, bytes, new MemoryCacheEntryOptions { Size = bytes.Length, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return bytes;
    }

    public void Dispose() => _cache.Dispose();
}
