password = os.environ["DB_PASSWORD"]
api_key = os.getenv('API_KEY', '')
token = request.headers.get("Authorization")
secret = settings.SECRET_KEY
if password == "":
PASSWORD_FIELD = "password"
