class ApplicationController < ActionController::API
  before_action :set_request_context

  private

  def set_request_context
    Current.request_id = request.request_id
    Current.country = request.headers["CloudFront-Viewer-Country"]
    Current.utm = params.permit(:utm_source, :utm_medium, :utm_campaign).to_h.presence
  end
end
