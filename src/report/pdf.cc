#include "report/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <string>

#include "core/time.h"
#include "report/pdf_text.h"
#include "report/pdf_writer.h"

namespace lookout::report {

namespace {

using pdf::CleanText;
using pdf::Writer;
using pdf::kPageHeight;
using pdf::kPageWidth;

cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

cairo_status_t Discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

Status CairoError(cairo_status_t status) {
  return Status::Internal(std::string("The PDF could not be written: ") +
                          cairo_status_to_string(status));
}

}  // namespace

Result<std::string> RenderPdf(const ReportDoc& doc) {
  // Two passes: the first counts the pages, so the second can write "Page n of N". Both lay
  // the document out on a PDF surface, so they break lines and pages alike.
  int total_pages = 0;
  {
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(Discard, nullptr, kPageWidth, kPageHeight);
    cairo_status_t status;
    {
      Writer writer(surface, doc, 0);
      writer.Document();
      total_pages = writer.pages();
      status = writer.status();
    }
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) return CairoError(status);
  }

  std::string pdf;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendTo, &pdf, kPageWidth, kPageHeight);
  const std::string title = CleanText(doc.title);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  if (!doc.programme.empty()) {
    const std::string subject = CleanText(doc.programme);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject.c_str());
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Lookout");
  // The data's timestamp as the creation date: the same report, the same bytes.
  if (ParseTimestamp(doc.data_as_of)) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, doc.data_as_of.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, doc.data_as_of.c_str());
  }
  cairo_status_t status;
  {
    Writer writer(surface, doc, total_pages);
    writer.Document();
    status = writer.status();
  }
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) return CairoError(status);
  return pdf;
}

}  // namespace lookout::report
