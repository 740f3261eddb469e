// The request log's lines and the redaction of quoted text in logged messages.
#include "http/request_log.h"

#include <gtest/gtest.h>

#include <string>

namespace lookout::http {
namespace {

TEST(RequestLogLine, WritesEveryFieldInOrder) {
  EXPECT_EQ(RequestLogLine({.request_id = "r1",
                            .method = "GET",
                            .route = "/api/v1/tasks/{id}",
                            .status = 200,
                            .duration_ms = 1.23456789,
                            .remote = "203.0.113.7",
                            .user = "staff:12"},
                           "2026-11-28T16:14:20.123Z"),
            R"({"time":"2026-11-28T16:14:20.123Z","level":"info","request_id":"r1",)"
            R"("method":"GET","route":"/api/v1/tasks/{id}","status":200,)"
            R"("duration_ms":1.234,"remote":"203.0.113.7","user":"staff:12"})");
}

TEST(RequestLogLine, NamesTheLevelByStatusAndLeavesOutNoOne) {
  std::string line = RequestLogLine({.method = "POST", .status = 404}, "t");
  EXPECT_NE(line.find(R"("level":"warn")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("route":"unmatched")"), std::string::npos) << line;
  EXPECT_EQ(line.find("user"), std::string::npos) << line;
  EXPECT_NE(RequestLogLine({.status = 503}, "t").find(R"("level":"error")"), std::string::npos);
}

TEST(ErrorLogLine, CarriesTheMessageUnderTheRequestId) {
  EXPECT_EQ(ErrorLogLine("r2", "accept failed", "t"),
            R"({"time":"t","level":"error","request_id":"r2","message":"accept failed"})");
  // Text that is not UTF-8 is replaced, never thrown on.
  EXPECT_NE(ErrorLogLine("r3", "bad \xff byte", "t").find("bad"), std::string::npos);
}

TEST(RedactQuoted, BlanksQuotedSpansAndKeys) {
  EXPECT_EQ(RedactQuoted(R"(invalid input syntax for type integer: "abc")"),
            R"(invalid input syntax for type integer: "...")");
  EXPECT_EQ(RedactQuoted("Key (ref)=(T-1) already exists"), "Key (ref)=(...) already exists");
  EXPECT_EQ(RedactQuoted("value 'secret' and 'more'"), "value '...' and '...'");
  EXPECT_EQ(RedactQuoted("an unclosed 'quote"), "an unclosed 'quote");
  EXPECT_EQ(RedactQuoted(std::string(400, 'x')), std::string(300, 'x') + "...");
}

}  // namespace
}  // namespace lookout::http
