using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Municipalities;

namespace Samverka.Web.Data.Configurations;

/// <summary>A guideline version's rules are one JSON document: they are read and replaced whole, never queried by part.</summary>
public sealed class GuidelineConfiguration : IEntityTypeConfiguration<Guideline>
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Configure(EntityTypeBuilder<Guideline> b)
    {
        b.Property(g => g.Title).HasMaxLength(200);
        b.Property(g => g.DecisionReference).HasMaxLength(200);
        b.Property(g => g.Rules).HasConversion(
            rules => JsonSerializer.Serialize(rules, Json),
            json => JsonSerializer.Deserialize<GuidelineRules>(json, Json)!,
            new ValueComparer<GuidelineRules>(
                (a, c) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(c, Json),
                r => JsonSerializer.Serialize(r, Json).GetHashCode(StringComparison.Ordinal),
                r => r));
        b.HasOne<Municipality>().WithMany().HasForeignKey(g => g.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(g => new { g.MunicipalityId, g.Number }).IsUnique();
    }
}
