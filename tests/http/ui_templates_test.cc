// The page templates and the small helpers pages are built with.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "http/ui/page.h"
#include "http/ui/templates.h"

namespace lookout::http::ui {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(PageTemplates, EveryTemplateParsesAndRendersWithAnEmptyView) {
  ASSERT_FALSE(EmbeddedTemplates().empty());
  for (const EmbeddedFile& file : EmbeddedTemplates()) {
    std::string name = file.name;
    name.resize(name.size() - std::string(".mustache").size());
    auto out = RenderTemplate(name, nlohmann::json::object());
    EXPECT_TRUE(out.ok()) << name << ": " << out.status().ToString();
  }
}

TEST(PageTemplates, OnlyMarkupLookoutMadeIsLeftUnescaped) {
  // {{{name}}} and {{&name}} write a value as it is: only for *_html values, which hold
  // markup Lookout rendered itself, never text a person typed.
  const std::regex raw(R"(\{\{\{\s*([^}\s]+)\s*\}\}\}|\{\{&\s*([^}\s]+)\s*\}\})");
  for (const EmbeddedFile& file : EmbeddedTemplates()) {
    const std::string text(file.contents);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), raw);
         it != std::sregex_iterator(); ++it) {
      const std::string key = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
      EXPECT_TRUE(key.size() > 5 && key.substr(key.size() - 5) == "_html")
          << file.name << " writes {{" << key << "}} unescaped";
    }
  }
}

TEST(PageTemplates, EveryTableSitsInALabelledScrollingBox) {
  // A table wider than a phone scrolls inside its own box, which shows that it does
  // (web/scss/lookout.scss, web/js/lookout.mjs) and which a keyboard can reach: the one
  // mechanism for every table, so a table added later cannot widen the page.
  const std::regex boxed(
      R"re(<div class="lookout-table-scroll" role="region" aria-label="[^"]+" tabindex="0">\s*<table[ >])re");
  const std::regex table(R"(<table[ >])");
  for (const EmbeddedFile& file : EmbeddedTemplates()) {
    const std::string text(file.contents);
    const auto count = [&text](const std::regex& re) {
      return std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator());
    };
    EXPECT_EQ(count(boxed), count(table))
        << file.name << " has a <table> that is not the first thing inside "
        << "<div class=\"lookout-table-scroll\" role=\"region\" aria-label=\"...\" tabindex=\"0\">";
  }
}

TEST(PageTemplates, EscapesTextAndTreatsEmptyTextAsFalse) {
  auto out = RenderTemplate("error", {{"title", "<script>alert(1)</script>"},
                                      {"message", "Tom & \"Jerry\""},
                                      {"request_id", ""}});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT(*out, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(*out, HasSubstr("Tom &amp; &quot;Jerry&quot;"));
  EXPECT_THAT(*out, Not(HasSubstr("<script>")));
  EXPECT_THAT(*out, Not(HasSubstr("Reference to quote")));  // "" is false
}

TEST(PageTemplates, AnUnknownTemplateIsAnInternalError) {
  auto out = RenderTemplate("no_such_page", {});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), ErrorCode::kInternal);
  EXPECT_THAT(out.status().message(), HasSubstr("no_such_page"));
}

Request FormRequest(const std::string& body, const std::string& type) {
  Request r;
  r.method = "POST";
  r.body = body;
  if (!type.empty()) r.headers["content-type"] = type;
  return r;
}

TEST(PageForms, DecodesPlusAndPercentAndKeepsRepeatedFields) {
  auto form = Form::Parse(FormRequest("summary=two+words%21&themes=cse&themes=cce&email=a%40b.org",
                                      "application/x-www-form-urlencoded; charset=UTF-8"));
  ASSERT_TRUE(form.ok()) << form.status().ToString();
  EXPECT_EQ(form->Get("summary"), "two words!");
  EXPECT_EQ(form->Get("email"), "a@b.org");
  EXPECT_THAT(form->All("themes"), ElementsAre("cse", "cce"));
  EXPECT_TRUE(form->Has("themes"));
  EXPECT_FALSE(form->Has("regions"));
  EXPECT_EQ(form->Get("regions"), "");
}

TEST(PageForms, RefusesAnotherMediaTypeAndTextThatIsNotUtf8) {
  auto json = Form::Parse(FormRequest("{\"a\":1}", "application/json"));
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(json.status().code(), ErrorCode::kUnsupportedMediaType);
  auto latin1 = Form::Parse(FormRequest("name=%E9t%E9", "application/x-www-form-urlencoded"));
  ASSERT_FALSE(latin1.ok());
  EXPECT_EQ(latin1.status().code(), ErrorCode::kBadRequest);
  auto broken = Form::Parse(FormRequest("a=%zz", "application/x-www-form-urlencoded"));
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), ErrorCode::kBadRequest);
}

TEST(PageForms, ReadsMultipartFieldsAndFilesAndKeepsOnlyTheFileName) {
  const std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
      "abc\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"C:\\\\Users\\\\me\\\\responses.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\n"
      "a,b\r\n1,2\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n"
      "\r\n"
      "--XyZ--\r\n";
  auto form = Form::Parse(FormRequest(body, "multipart/form-data; boundary=XyZ"));
  ASSERT_TRUE(form.ok()) << form.status().ToString();
  EXPECT_EQ(form->Get("csrf_token"), "abc");
  const Upload* file = form->File("file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "responses.csv");
  EXPECT_EQ(file->content_type, "text/csv");
  EXPECT_EQ(file->data, "a,b\r\n1,2");
  EXPECT_EQ(form->File("empty"), nullptr);  // a file input left empty
}

TEST(PageForms, RefusesBrokenMultipartBodies) {
  for (const std::string& body :
       {std::string("no delimiter at all"),
        std::string("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nnever closed"),
        std::string("--XyZ\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--XyZ--")}) {
    auto form = Form::Parse(FormRequest(body, "multipart/form-data; boundary=XyZ"));
    ASSERT_FALSE(form.ok()) << body;
    EXPECT_EQ(form.status().code(), ErrorCode::kBadRequest) << body;
  }
  auto no_boundary = Form::Parse(FormRequest("x", "multipart/form-data"));
  ASSERT_FALSE(no_boundary.ok());
  EXPECT_EQ(no_boundary.status().code(), ErrorCode::kBadRequest);
}

TEST(PageHelpers, BuildQueryStringsFieldIdsAndLongDates) {
  EXPECT_EQ(PathWithQuery("/tasks", {{"region", "EM"}, {"q", "hotel staff & more"}, {"lead", ""}}),
            "/tasks?region=EM&q=hotel%20staff%20%26%20more");
  EXPECT_EQ(PathWithQuery("/tasks", {}), "/tasks");
  EXPECT_EQ(PathWithQuery("/sign-in", {{"next", "/tasks?region=EM#x"}}),
            "/sign-in?next=%2Ftasks%3Fregion%3DEM%23x");
  EXPECT_EQ(FieldId("audience[1].count"), "field-audience-1-count");
  EXPECT_EQ(FieldId("summary"), "field-summary");
  EXPECT_EQ(LongDate("2025-04-14"), "14 April 2025");
  EXPECT_EQ(LongDate("soon"), "soon");

}

}  // namespace
}  // namespace lookout::http::ui
