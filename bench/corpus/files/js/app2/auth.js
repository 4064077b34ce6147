const token = process.env.API_TOKEN;
const password = req.body.password;
headers: { Authorization: `Bearer ${token}` },
const apiKey = config.get('apiKey');
