# When a request cannot get a database connection, log what the pool looked like,
# so that we can tell "slow queries hold connections" from "too few connections".
ActiveSupport.on_load(:active_record) do
  ActiveSupport::Notifications.subscribe("process_action.action_controller") do |*, payload|
    exception = payload[:exception_object]
    next unless exception.is_a?(ActiveRecord::ConnectionTimeoutError)

    stat = ActiveRecord::Base.connection_pool.stat
    Rails.logger.warn(
      "pool_exhausted size=#{stat[:size]} busy=#{stat[:busy]} idle=#{stat[:idle]} " \
      "waiting=#{stat[:waiting]} dead=#{stat[:dead]} checkout_timeout=#{stat[:checkout_timeout]} " \
      "controller=#{payload[:controller]} action=#{payload[:action]}"
    )
  end
end
