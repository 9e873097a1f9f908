using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samverka.Domain.Organisations;

namespace Samverka.Web.Data.Configurations;

/// <summary>The bytes of an uploaded file (an organisation document or a case attachment), keyed by the id of the record that describes it and kept apart so lists never load them.</summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }
    public byte[] Content { get; set; } = [];
}

public sealed class OrganisationDocumentConfiguration : IEntityTypeConfiguration<OrganisationDocument>
{
    public void Configure(EntityTypeBuilder<OrganisationDocument> b)
    {
        b.Property(d => d.Kind).HasMaxLength(200);
        b.Property(d => d.FileName).HasMaxLength(200);
        b.Property(d => d.Format).HasConversion<string>().HasMaxLength(10);
        b.Property(d => d.Sha256).HasMaxLength(64);
        b.Property(d => d.UploadedBy).HasMaxLength(200);
        b.HasOne<Organisation>().WithMany().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.OrganisationId, d.Kind, d.Year });
    }
}

public sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b) => b.ToTable("StoredFiles");
}
