#include "server/mail_sender.h"

#include <curl/curl.h>

#include <cstring>
#include <fstream>
#include <mutex>

namespace pathways::server {
namespace {

class FileDropSender final : public MailSender {
 public:
  explicit FileDropSender(std::filesystem::path folder) : folder_(std::move(folder)) {}

  Delivery send(const std::string& name, const std::string&, const std::vector<std::string>&,
                const std::string& bytes) override {
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    const auto path = folder_ / (name + ".eml");
    const auto partial = path.string() + ".partial";
    {
      std::ofstream file(partial, std::ios::binary | std::ios::trunc);
      file << bytes;
      if (!file.flush()) return {Delivery::Outcome::retry, "cannot write " + partial};
    }
    std::filesystem::rename(partial, path, ec);
    if (ec) return {Delivery::Outcome::retry, "cannot rename " + partial + ": " + ec.message()};
    return {};
  }

 private:
  std::filesystem::path folder_;
};

// libcurl's process-wide set-up, once, before any thread uses it.
void init_curl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  const std::string* bytes;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, up->bytes->size() - up->offset);
  std::memcpy(buffer, up->bytes->data() + up->offset, n);
  up->offset += n;
  return n;
}

// "<addr>" for MAIL FROM / RCPT TO: an address never carries brackets, spaces or controls.
std::string angle(const std::string& address) {
  std::string out = "<";
  for (char c : address)
    if (static_cast<unsigned char>(c) > 32 && c != '<' && c != '>' && c != 127) out += c;
  return out + ">";
}

class SmtpSender final : public MailSender {
 public:
  explicit SmtpSender(SmtpSettings settings) : settings_(std::move(settings)) { init_curl(); }

  Delivery send(const std::string&, const std::string& envelope_from, const std::vector<std::string>& recipients,
                const std::string& bytes) override {
    CURL* curl = curl_easy_init();
    if (!curl) return {Delivery::Outcome::retry, "libcurl could not start"};
    Upload upload{&bytes};
    curl_slist* rcpt = nullptr;
    for (const std::string& r : recipients) rcpt = curl_slist_append(rcpt, angle(r).c_str());
    const std::string from = angle(envelope_from);
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    if (!settings_.user.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.user.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    // Credentials never cross the network in clear: with a user, STARTTLS is required.
    curl_easy_setopt(curl, CURLOPT_USE_SSL, settings_.user.empty() ? CURLUSESSL_TRY : CURLUSESSL_ALL);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(bytes.size()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings_.timeout_s);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    const CURLcode result = curl_easy_perform(curl);
    long reply = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (result == CURLE_OK) return {};
    std::string reason = error[0] ? error : curl_easy_strerror(result);
    if (reply > 0) reason = "SMTP " + std::to_string(reply) + ": " + reason;
    for (char& c : reason)
      if (c == '\r' || c == '\n') c = ' ';
    const bool permanent = reply >= 500 && reply < 600 && result != CURLE_LOGIN_DENIED && reply != 535;
    return {permanent ? Delivery::Outcome::permanent : Delivery::Outcome::retry, reason};
  }

 private:
  SmtpSettings settings_;
};

}  // namespace

std::unique_ptr<MailSender> file_drop_sender(std::filesystem::path folder) {
  return std::make_unique<FileDropSender>(std::move(folder));
}

std::unique_ptr<MailSender> smtp_sender(SmtpSettings settings) {
  return std::make_unique<SmtpSender>(std::move(settings));
}

}  // namespace pathways::server
