using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;
using Samverka.Web.Features.Agreements;

namespace Samverka.Web.Documents;

/// <summary>
/// The agreement as an A4 PDF/A-2b: DejaVu Sans embedded (shipped with the app), sections in
/// order, budget tables with right-aligned amounts, signature fields, and on every page a footer
/// with diarienummer, version and hash and "Sida n av N".
/// </summary>
public static class AgreementPdf
{
    private const double Left = 62, Right = 595 - 62, Top = 842 - 64, Bottom = 70;
    private static readonly Lazy<byte[]> Regular = new(() => Font("DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> BoldFont = new(() => Font("DejaVuSans-Bold.ttf"));
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(char Char, bool Bold), double> CharWidths = new();

    public static byte[] Render(AgreementDto agreement)
    {
        var writer = new Writer(agreement.Title);
        foreach (var block in AgreementDocuments.Blocks(agreement))
        {
            switch (block)
            {
                case DocHeading h:
                    writer.Heading(h.Text, h.Level);
                    break;
                case DocParagraph p:
                    writer.Paragraph(p.Text, p.Bold);
                    break;
                case DocTable t:
                    writer.Table(t);
                    break;
                case DocSignature s:
                    writer.Signature(s);
                    break;
            }
        }

        return writer.Finish(AgreementDocuments.Footer(agreement).Text);
    }

    private static byte[] Font(string name)
    {
        using var stream = typeof(AgreementPdf).Assembly.GetManifestResourceStream($"Samverka.Web.Documents.Fonts.{name}")
            ?? throw new InvalidOperationException($"Typsnittet {name} saknas i programmet.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Lays text out top to bottom, word-wrapping with measured widths and starting a new page when the next line would not fit.</summary>
    private sealed class Writer
    {
        private readonly PdfDocumentBuilder _builder;
        private readonly PdfDocumentBuilder.AddedFont _regular;
        private readonly PdfDocumentBuilder.AddedFont _bold;
        private readonly List<PdfPageBuilder> _pages = [];
        private PdfPageBuilder _page = null!;
        private double _y;

        public Writer(string title)
        {
            _builder = new PdfDocumentBuilder { ArchiveStandard = PdfAStandard.A2B };
            _builder.DocumentInformation.Title = title;
            _builder.DocumentInformation.Producer = "Samverka";
            _builder.DocumentInformation.Creator = "Samverka";
            _regular = _builder.AddTrueTypeFont(Regular.Value);
            _bold = _builder.AddTrueTypeFont(BoldFont.Value);
            NewPage();
        }

        public void Heading(string text, int level)
        {
            var size = level == 1 ? 17 : 12.5;
            _y -= level == 1 ? 0 : 10;
            Need(size * 3.2); // keep a heading together with the first lines after it
            Lines(text, size, bold: true, Left, Right - Left);
            _y -= 4;
        }

        public void Paragraph(string text, bool bold)
        {
            foreach (var line in text.Split('\n'))
            {
                Lines(line, 10.5, bold, Left, Right - Left);
            }

            _y -= 5;
        }

        public void Table(DocTable table)
        {
            const double size = 9.5;
            var widths = table.Widths.Select(w => w * (Right - Left)).ToArray();
            Need(size * 6);
            Lines(table.Caption, 10.5, bold: true, Left, Right - Left);
            _y -= 2;
            Row(table.Headers, table.Numeric, widths, size, bold: true);
            _page.DrawLine(new PdfPoint(Left, _y + size * 0.9), new PdfPoint(Right, _y + size * 0.9), 0.6);
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var sum = table.SumRow && r == table.Rows.Count - 1;
                if (sum)
                {
                    _page.DrawLine(new PdfPoint(Left, _y + size * 1.1), new PdfPoint(Right, _y + size * 1.1), 0.6);
                }

                Row(table.Rows[r], table.Numeric, widths, size, bold: sum);
            }

            _y -= 8;
        }

        public void Signature(DocSignature s)
        {
            Need(70);
            _y -= 18;
            Text(s.PlaceAndDate, 10.5, false, Left, _y);
            _y -= 26;
            _page.DrawLine(new PdfPoint(Left, _y + 12), new PdfPoint(Left + 230, _y + 12), 0.6);
            Text(s.Name, 10.5, true, Left, _y);
            _y -= 13;
            Text($"{s.Title}, {s.Party}", 10.5, false, Left, _y);
            _y -= 10;
        }

        public byte[] Finish(string footer)
        {
            for (var i = 0; i < _pages.Count; i++)
            {
                var page = _pages[i];
                var text = $"Sida {i + 1} av {_pages.Count}";
                page.DrawLine(new PdfPoint(Left, Bottom - 18), new PdfPoint(Right, Bottom - 18), 0.4);
                var lines = Wrap(footer, 7.5, false, Right - Left - 70);
                for (var l = 0; l < lines.Count; l++)
                {
                    page.AddText(lines[l], 7.5, new PdfPoint(Left, Bottom - 30 - l * 9), _regular);
                }

                page.AddText(text, 7.5, new PdfPoint(Right - Width(text, 7.5, false), Bottom - 30), _regular);
            }

            return _builder.Build();
        }

        private void Row(IReadOnlyList<string> cells, IReadOnlyList<bool> numeric, double[] widths, double size, bool bold)
        {
            var wrapped = cells.Select((c, i) => Wrap(c, size, bold, widths[i] - 6)).ToList();
            var height = wrapped.Max(w => Math.Max(1, w.Count)) * size * 1.35;
            Need(height + 2);
            var x = Left;
            for (var i = 0; i < cells.Count; i++)
            {
                for (var l = 0; l < wrapped[i].Count; l++)
                {
                    var line = wrapped[i][l];
                    var at = numeric[i] ? x + widths[i] - Width(line, size, bold) : x;
                    Text(line, size, bold, at, _y - l * size * 1.35);
                }

                x += widths[i];
            }

            _y -= height;
        }

        private void Lines(string text, double size, bool bold, double x, double width)
        {
            foreach (var line in Wrap(text, size, bold, width))
            {
                Need(size * 1.4);
                Text(line, size, bold, x, _y);
                _y -= size * 1.4;
            }
        }

        private void Text(string text, double size, bool bold, double x, double y)
        {
            if (text.Length > 0)
            {
                _page.AddText(text, size, new PdfPoint(x, y), bold ? _bold : _regular);
            }
        }

        private void Need(double height)
        {
            if (_y - height < Bottom)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            _page = _builder.AddPage(PageSize.A4);
            _pages.Add(_page);
            _y = Top;
        }

        private List<string> Wrap(string text, double size, bool bold, double width)
        {
            var lines = new List<string>();
            var current = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && Width(candidate, size, bold) > width)
                {
                    lines.Add(current);
                    current = word;
                }
                else
                {
                    current = candidate;
                }
            }

            if (current.Length > 0 || lines.Count == 0)
            {
                lines.Add(current);
            }

            return lines;
        }

        /// <summary>The advance width of a text: each character measured once per process at size 1 (the writer does not kern), then summed.</summary>
        private double Width(string text, double size, bool bold)
        {
            var width = 0d;
            foreach (var ch in text)
            {
                width += CharWidths.GetOrAdd((ch, bold), key =>
                {
                    var letters = _page.MeasureText(key.Char.ToString(), 1, new PdfPoint(0, 0), key.Bold ? _bold : _regular);
                    return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
                });
            }

            return width * size;
        }
    }
}
